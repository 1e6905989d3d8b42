resource "aws_cloudwatch_event_rule" "trail_tamper" {
  name        = "cloudtrail-tamper"
  description = "Re-enable the trail whenever someone stops or narrows it"
  event_pattern = jsonencode({
    source      = ["aws.cloudtrail"]
    detail-type = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["cloudtrail.amazonaws.com"]
      eventName   = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"]
    }
  })
}

resource "aws_cloudwatch_event_target" "restart_logging" {
  rule     = aws_cloudwatch_event_rule.trail_tamper.name
  arn      = "arn:aws:ssm:eu-west-1:111122223333:automation-definition/RestoreOrgTrail:$DEFAULT"
  role_arn = aws_iam_role.eventbridge_ssm.arn
}
