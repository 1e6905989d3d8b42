resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/org-trail"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/checkout"
  retention_in_days = 30
}
