# Trap 1: the application reads the network through data sources; the VPC and its security
# group were created by hand in the console.
data "aws_vpc" "shared" {
  tags = {
    Name = "shared-prod"
  }
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.shared.id]
  }
}

data "aws_security_group" "legacy" {
  name   = "launch-wizard-3"
  vpc_id = data.aws_vpc.shared.id
}

# Trap 2: a VPC resource switched off with count = 0.
resource "aws_vpc" "future" {
  count      = 0
  cidr_block = "10.90.0.0/16"
}
