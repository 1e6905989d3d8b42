# Trap: the findings rule is disabled (state defaults to ENABLED). The only Lambda target
# belongs to a scheduled rule.
resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly-cleanup"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  name  = "guardduty-all"
  state = "DISABLED"
  event_pattern = <<PATTERN
{
  "source": ["aws.guardduty"],
  "detail-type": ["GuardDuty Finding"]
}
PATTERN
}

resource "aws_cloudwatch_event_target" "cleanup" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.cleanup.arn
}
