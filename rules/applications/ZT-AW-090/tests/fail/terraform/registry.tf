# Trap 1: ENHANCED, but each image is scanned once, on push.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

# Trap 2: Inspector activated for EC2 and Lambda only, not for the registry.
resource "aws_inspector2_enabler" "hosts" {
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["EC2", "LAMBDA"]
}
