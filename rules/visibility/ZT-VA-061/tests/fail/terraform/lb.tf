# ruleid: ZT-VA-061
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.web_lb.id]
}

# Trap: a bucket is configured, but enabled is omitted (defaults to false).
resource "aws_lb" "api" {
  name    = "api"
  subnets = aws_subnet.public[*].id
  # ruleid: ZT-VA-061
  access_logs {
    bucket = aws_s3_bucket.lb_logs.id
    prefix = "api"
  }
}

resource "aws_lb" "mqtt" {
  name               = "mqtt"
  load_balancer_type = "network"
  subnets            = aws_subnet.public[*].id
  # ruleid: ZT-VA-061
  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = false
  }
}
