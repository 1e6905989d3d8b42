module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name            = "prod"
  cidr            = "10.30.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.30.1.0/24", "10.30.2.0/24"]
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = module.vpc.vpc_id
}
