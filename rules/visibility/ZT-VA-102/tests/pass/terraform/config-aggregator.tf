resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.config_org_aggregator.arn
  }
}
