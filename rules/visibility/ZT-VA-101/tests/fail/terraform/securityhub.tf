# Trap 1: Security Hub enabled in this one account only.
resource "aws_securityhub_account" "this" {}

# Trap 2: an organisation configuration that enrols no account (local, auto_enable false).
resource "aws_securityhub_organization_configuration" "this" {
  auto_enable = false
}

# Trap 3: an aggregator that links no region.
resource "aws_securityhub_finding_aggregator" "none" {
  linking_mode = "NO_REGIONS"
}
