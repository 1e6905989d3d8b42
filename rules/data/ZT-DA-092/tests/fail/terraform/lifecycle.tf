resource "aws_s3_bucket_lifecycle_configuration" "exports" {
  bucket = aws_s3_bucket.exports.id

  # Trap 1: the retention rule exists but is Disabled.
  rule {
    id     = "retention"
    status = "Disabled"

    filter {}

    expiration {
      days = 365
    }
  }

  # Trap 2: an enabled rule that only cleans up incomplete multipart uploads.
  rule {
    id     = "abort-mpu"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
