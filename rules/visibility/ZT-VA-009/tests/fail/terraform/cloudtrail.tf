# Trap: validation is simply not mentioned (Terraform default: false).
# ruleid: ZT-VA-009
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
  kms_key_id            = aws_kms_key.cloudtrail.arn
}
