# The trail exists but was created stopped.
resource "aws_cloudtrail" "management" {
  name           = "management-events"
  s3_bucket_name = aws_s3_bucket.trail.id
  enable_logging = false
}
