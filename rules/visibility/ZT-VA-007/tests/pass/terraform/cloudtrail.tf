resource "aws_cloudtrail" "management" {
  name           = "management-events"
  s3_bucket_name = aws_s3_bucket.trail.id
  # enable_logging omitted: defaults to true
}
