# Trap 1: a fixed list of accounts (new accounts never appear).
resource "aws_config_configuration_aggregator" "accounts" {
  name = "legacy"

  account_aggregation_source {
    account_ids = ["111111111111", "222222222222"]
    all_regions = true
  }
}

# Trap 2: the organisation, but a single region.
resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    regions  = ["eu-west-1"]
    role_arn = aws_iam_role.config_org_aggregator.arn
  }
}
