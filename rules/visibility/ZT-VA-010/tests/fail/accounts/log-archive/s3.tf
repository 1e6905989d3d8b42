# Trap: a lock configuration resource without a rule block locks nothing by default
# (per-object retention would have to be set by every writer, and CloudTrail sets none).
resource "aws_s3_bucket" "flow_logs" {
  bucket              = "acme-vpc-flow-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "flow_logs" {
  bucket = aws_s3_bucket.flow_logs.id
}

resource "aws_s3_bucket_lifecycle_configuration" "flow_logs" {
  bucket = aws_s3_bucket.flow_logs.id
  rule {
    id     = "archive"
    status = "Enabled"
    transition {
      days          = 365
      storage_class = "GLACIER"
    }
    expiration {
      days = 913
    }
  }
}
