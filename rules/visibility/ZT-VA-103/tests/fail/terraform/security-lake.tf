# Trap: the data lake exists, with a single source.
resource "aws_securitylake_data_lake" "this" {
  meta_store_manager_role_arn = aws_iam_role.meta_store_manager.arn

  configuration {
    region = "eu-west-1"
  }
}

resource "aws_securitylake_aws_log_source" "cloudtrail" {
  source {
    regions        = ["eu-west-1"]
    source_name    = "CLOUD_TRAIL_MGMT"
    source_version = "2.0"
  }
}
