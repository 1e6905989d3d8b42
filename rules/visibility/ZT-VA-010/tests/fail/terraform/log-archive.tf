# Traps: Object Lock enabled on the bucket but no default retention (nothing is locked by
# default), and a lock configuration with only 90 days.
resource "aws_s3_bucket" "cloudtrail" {
  bucket              = "acme-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "cloudtrail" {
  bucket = aws_s3_bucket.cloudtrail.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "short" {
  bucket = aws_s3_bucket.cloudtrail.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 90
    }
  }
}
