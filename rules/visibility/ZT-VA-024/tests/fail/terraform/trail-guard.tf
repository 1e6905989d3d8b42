# Trap: the tamper rule exists but only notifies (SNS): a person still has to act.
resource "aws_cloudwatch_event_rule" "trail_tamper" {
  name = "cloudtrail-tamper"
  event_pattern = jsonencode({
    source      = ["aws.cloudtrail"]
    detail-type = ["AWS API Call via CloudTrail"]
    detail      = { eventName = ["StopLogging", "DeleteTrail"] }
  })
}

resource "aws_cloudwatch_event_target" "notify" {
  rule = aws_cloudwatch_event_rule.trail_tamper.name
  arn  = aws_sns_topic.security_alerts.arn
}
