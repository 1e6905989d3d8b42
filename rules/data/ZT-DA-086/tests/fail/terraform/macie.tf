# Trap 1: organisation configuration present, but new accounts are not enrolled.
resource "aws_macie2_organization_configuration" "this" {
  auto_enable = false
}

# Trap 2: a one-off scan.
resource "aws_macie2_classification_job" "initial_scan" {
  name     = "initial-scan"
  job_type = "ONE_TIME"

  s3_job_definition {
    bucket_definitions {
      account_id = var.account_id
      buckets    = ["customer-exports"]
    }
  }
}

# Trap 3: a scheduled job, paused.
resource "aws_macie2_classification_job" "weekly" {
  name       = "weekly"
  job_type   = "SCHEDULED"
  job_status = "USER_PAUSED"

  schedule_frequency {
    weekly_schedule = "MONDAY"
  }

  s3_job_definition {
    bucket_definitions {
      account_id = var.account_id
      buckets    = ["customer-exports"]
    }
  }
}
