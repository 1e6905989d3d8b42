resource "aws_cloudwatch_event_rule" "guardduty_high" {
  name        = "guardduty-high-severity"
  description = "GuardDuty findings of severity 7 or more"
  event_pattern = jsonencode({
    source      = ["aws.guardduty"]
    detail-type = ["GuardDuty Finding"]
    detail = {
      severity = [{ numeric = [">=", 7] }]
    }
  })
}

resource "aws_cloudwatch_event_target" "isolate" {
  rule      = aws_cloudwatch_event_rule.guardduty_high.name
  target_id = "isolate-instance"
  arn       = aws_lambda_function.isolate_instance.arn
}

resource "aws_cloudwatch_event_target" "notify" {
  rule      = aws_cloudwatch_event_rule.guardduty_high.name
  target_id = "notify"
  arn       = aws_sns_topic.security_alerts.arn
}
