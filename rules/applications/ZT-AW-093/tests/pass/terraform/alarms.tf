resource "aws_cloudwatch_metric_alarm" "orders_errors_anomaly" {
  alarm_name          = "orders-5xx-anomaly"
  comparison_operator = "GreaterThanUpperThreshold"
  evaluation_periods  = 3
  threshold_metric_id = "band"
  alarm_description   = "5xx count outside its learned band"
  alarm_actions       = [aws_sns_topic.oncall.arn]

  metric_query {
    id          = "band"
    expression  = "ANOMALY_DETECTION_BAND(m1, 3)"
    label       = "5xx (expected)"
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
      dimensions = {
        LoadBalancer = aws_lb.orders.arn_suffix
      }
    }
  }
}
