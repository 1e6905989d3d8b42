resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

# Trap: a flow log that records only rejected traffic.
resource "aws_flow_log" "rejects" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "REJECT"
  iam_role_arn    = aws_iam_role.flow_logs.arn
  log_destination = aws_cloudwatch_log_group.flow_logs.arn
}

# Trap: the VPC module with enable_flow_log left at its default (false).
module "vpc_staging" {
  source = "terraform-aws-modules/vpc/aws"
  name   = "staging"
  cidr   = "10.40.0.0/16"
  create_flow_log_cloudwatch_log_group = true
}
