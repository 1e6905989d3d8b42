# Trap: the filter exists, but its alarm has no action (and one alarm has actions disabled):
# the metric goes up and nobody hears about it.
resource "aws_cloudwatch_log_metric_filter" "stop_logging" {
  name           = "cloudtrail-stop-logging"
  log_group_name = aws_cloudwatch_log_group.cloudtrail.name
  pattern        = "{ $.eventName = StopLogging }"
  metric_transformation {
    name      = "StopLogging"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "stop_logging" {
  alarm_name          = "cloudtrail-stop-logging"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = "StopLogging"
  namespace           = "Security"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  alarm_actions       = []
}

resource "aws_cloudwatch_metric_alarm" "stop_logging_muted" {
  alarm_name          = "cloudtrail-stop-logging-muted"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = "StopLogging"
  namespace           = "Security"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  alarm_actions       = [aws_sns_topic.security_alerts.arn]
  actions_enabled     = false
}
