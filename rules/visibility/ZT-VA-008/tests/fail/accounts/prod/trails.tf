# Traps: multi-region but without global service events; multi-region but stopped.
resource "aws_cloudtrail" "regional_data" {
  name                          = "all-regions"
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = true
  include_global_service_events = false
}

resource "aws_cloudtrail" "legacy" {
  name                  = "legacy-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = "true"
  enable_logging        = false
}
