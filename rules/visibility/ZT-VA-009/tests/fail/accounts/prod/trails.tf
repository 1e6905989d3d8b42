resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  # ruleid: ZT-VA-009
  enable_log_file_validation = false
  kms_key_id                 = aws_kms_key.cloudtrail.arn
}

# Trap: validated, but no KMS key (SSE-S3 only).
# ruleid: ZT-VA-009
resource "aws_cloudtrail" "data_events" {
  name                       = "s3-data-events"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true

  event_selector {
    read_write_type           = "All"
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::acme-payments-prod/"]
    }
  }
}
