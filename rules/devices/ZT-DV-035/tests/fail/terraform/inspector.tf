# Trap 1: Inspector enabled for the registry only.
resource "aws_inspector2_enabler" "ecr_only" {
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["ECR"]
}

# Trap 2: organisation auto-enable with EC2 left off.
resource "aws_inspector2_organization_configuration" "this" {
  auto_enable {
    ec2    = false
    ecr    = true
    lambda = true
  }
}
