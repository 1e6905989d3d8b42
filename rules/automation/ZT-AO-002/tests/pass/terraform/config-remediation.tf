resource "aws_config_config_rule" "cloudtrail_enabled" {
  name = "cloudtrail-enabled"
  source {
    owner             = "AWS"
    source_identifier = "CLOUD_TRAIL_ENABLED"
  }
}

resource "aws_config_remediation_configuration" "cloudtrail_enabled" {
  config_rule_name           = aws_config_config_rule.cloudtrail_enabled.name
  target_type                = "SSM_DOCUMENT"
  target_id                  = "AWS-EnableCloudTrail"
  automatic                  = true
  maximum_automatic_attempts = 3
  retry_attempt_seconds      = 60

  parameter {
    name         = "AutomationAssumeRole"
    static_value = aws_iam_role.remediation.arn
  }
}
