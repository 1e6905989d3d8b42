resource "aws_cloudtrail" "data" {
  name           = "data-events"
  s3_bucket_name = aws_s3_bucket.trail.id

  event_selector {
    include_management_events = false

    data_resource {
      type   = "AWS::DynamoDB::Table"
      values = ["arn:aws:dynamodb"]
    }
  }
}
