resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    prefix  = "web"
    enabled = true
  }
}

resource "aws_subnet" "public" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.20.1.0/24"
}

# Internal load balancers are out of scope.
resource "aws_lb" "internal_api" {
  name     = "internal-api"
  internal = true
  subnets  = aws_subnet.private[*].id
}
