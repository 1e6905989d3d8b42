resource "aws_securitylake_data_lake" "this" {
  meta_store_manager_role_arn = aws_iam_role.meta_store_manager.arn

  configuration {
    region = "eu-west-1"

    lifecycle_configuration {
      expiration {
        days = 400
      }
    }
  }
}

resource "aws_securitylake_aws_log_source" "cloudtrail" {
  source {
    accounts       = var.organization_account_ids
    regions        = ["eu-west-1", "us-east-1"]
    source_name    = "CLOUD_TRAIL_MGMT"
    source_version = "2.0"
  }
  depends_on = [aws_securitylake_data_lake.this]
}

resource "aws_securitylake_aws_log_source" "vpc_flow" {
  source {
    accounts       = var.organization_account_ids
    regions        = ["eu-west-1", "us-east-1"]
    source_name    = "VPC_FLOW"
    source_version = "2.0"
  }
  depends_on = [aws_securitylake_data_lake.this]
}
