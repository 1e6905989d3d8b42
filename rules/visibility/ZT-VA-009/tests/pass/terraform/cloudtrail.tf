resource "aws_cloudtrail" "org" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  is_organization_trail      = true
  # ok: ZT-VA-009
  enable_log_file_validation = "true"
  kms_key_id                 = aws_kms_key.cloudtrail.arn
}
