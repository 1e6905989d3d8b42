# Trap: an actioned alarm, but its filter watches application errors, not CloudTrail tampering.
resource "aws_cloudwatch_log_metric_filter" "app_errors" {
  name           = "checkout-errors"
  log_group_name = "/ecs/checkout"
  pattern        = "ERROR"
  metric_transformation {
    name      = "CheckoutErrors"
    namespace = "App"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "app_errors" {
  alarm_name          = "checkout-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "CheckoutErrors"
  namespace           = "App"
  period              = 60
  statistic           = "Sum"
  threshold           = 10
  alarm_actions       = [aws_sns_topic.oncall.arn]
}
