resource "aws_cloudwatch_event_bus" "security" {
  name = "security"
}

# Trap 1: the bus accepts events from one named account only.
resource "aws_cloudwatch_event_permission" "workload_prod" {
  event_bus_name = aws_cloudwatch_event_bus.security.name
  principal      = "111122223333"
  statement_id   = "WorkloadProd"
}

resource "aws_cloudwatch_event_rule" "guardduty_high" {
  name           = "guardduty-high"
  event_bus_name = aws_cloudwatch_event_bus.security.name
  event_pattern = jsonencode({
    source = ["aws.guardduty"]
  })
}

# Trap 2: the only target notifies.
resource "aws_cloudwatch_event_target" "notify" {
  rule           = aws_cloudwatch_event_rule.guardduty_high.name
  event_bus_name = aws_cloudwatch_event_bus.security.name
  arn            = aws_sns_topic.security_alerts.arn
}
