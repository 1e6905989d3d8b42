# Trap 1: a proper anomaly band, but no alarm_actions: nobody is told.
resource "aws_cloudwatch_metric_alarm" "orders_errors_anomaly" {
  alarm_name          = "orders-5xx-anomaly"
  comparison_operator = "GreaterThanUpperThreshold"
  evaluation_periods  = 3
  threshold_metric_id = "band"

  metric_query {
    id          = "band"
    expression  = "ANOMALY_DETECTION_BAND(m1, 3)"
    return_data = true
  }

  metric_query {
    id          = "m1"
    return_data = true
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 300
      stat        = "Sum"
    }
  }
}

# Trap 2: actions defined but disabled.
resource "aws_cloudwatch_metric_alarm" "signin_anomaly" {
  alarm_name          = "signin-failures-anomaly"
  comparison_operator = "LessThanLowerOrGreaterThanUpperThreshold"
  evaluation_periods  = 2
  threshold_metric_id = "band"
  actions_enabled     = false
  alarm_actions       = [aws_sns_topic.oncall.arn]

  metric_query {
    id          = "band"
    expression  = "ANOMALY_DETECTION_BAND(m1)"
    return_data = true
  }

  metric_query {
    id          = "m1"
    return_data = true
    metric {
      namespace   = "Shop/Auth"
      metric_name = "SignInFailures"
      period      = 300
      stat        = "Sum"
    }
  }
}

# A static threshold with an action is not anomaly detection.
resource "aws_cloudwatch_metric_alarm" "orders_latency" {
  alarm_name          = "orders-latency"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "TargetResponseTime"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Average"
  threshold           = 1.5
  alarm_actions       = [aws_sns_topic.oncall.arn]
}
