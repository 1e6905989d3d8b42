resource "aws_macie2_classification_job" "weekly_all_buckets" {
  name     = "weekly-all-buckets"
  job_type = "SCHEDULED"

  schedule_frequency {
    weekly_schedule = "MONDAY"
  }

  s3_job_definition {
    bucket_criteria {
      excludes {
        and {
          simple_criterion {
            comparator = "EQ"
            key        = "S3_BUCKET_NAME"
            values     = ["cdn-logs-archive"]
          }
        }
      }
    }
  }
}
