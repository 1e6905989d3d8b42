# Trap: the responder exists but its rule is disabled (state defaults to ENABLED).
resource "aws_cloudwatch_event_rule" "trail_tamper" {
  name  = "cloudtrail-tamper"
  state = "DISABLED"
  event_pattern = <<PATTERN
{
  "source": ["aws.cloudtrail"],
  "detail": {"eventName": ["StopLogging", "DeleteTrail"]}
}
PATTERN
}

resource "aws_cloudwatch_event_target" "restart" {
  rule = aws_cloudwatch_event_rule.trail_tamper.name
  arn  = aws_lambda_function.restart_trail.arn
}
