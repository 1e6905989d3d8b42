# Trap 1: capacity changes only on a fixed schedule.
resource "aws_autoscaling_schedule" "business_hours" {
  scheduled_action_name  = "business-hours"
  autoscaling_group_name = aws_autoscaling_group.web.name
  min_size               = 4
  max_size               = 8
  desired_capacity       = 4
  recurrence             = "0 7 * * MON-FRI"
}

# Trap 2: a target-tracking policy switched off.
resource "aws_autoscaling_policy" "web_cpu" {
  name                   = "web-cpu"
  autoscaling_group_name = aws_autoscaling_group.web.name
  policy_type            = "TargetTrackingScaling"
  enabled                = false

  target_tracking_configuration {
    target_value = 50

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}
