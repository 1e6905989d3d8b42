# AWS provider v3 style
resource "aws_s3_bucket" "flow_logs" {
  bucket = "acme-vpc-flow-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
    rule {
      default_retention {
        mode  = "GOVERNANCE"
        years = 1
      }
    }
  }
}
