resource "aws_s3_bucket" "cloudtrail" {
  bucket              = "acme-org-cloudtrail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "cloudtrail" {
  bucket = aws_s3_bucket.cloudtrail.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 400
    }
  }
}
