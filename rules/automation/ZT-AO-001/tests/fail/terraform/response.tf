# Trap: the findings rule only notifies (SNS); nothing acts.
resource "aws_cloudwatch_event_rule" "securityhub" {
  name = "securityhub-critical"
  event_pattern = jsonencode({
    source      = ["aws.securityhub"]
    detail-type = ["Security Hub Findings - Imported"]
  })
}

resource "aws_cloudwatch_event_target" "notify" {
  rule = aws_cloudwatch_event_rule.securityhub.name
  arn  = aws_sns_topic.security_alerts.arn
}
