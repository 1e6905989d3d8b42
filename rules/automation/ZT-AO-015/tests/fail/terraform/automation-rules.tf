# Trap: the triage rule is written but disabled.
resource "aws_securityhub_automation_rule" "escalate_prod" {
  rule_name   = "escalate-prod-failed-controls"
  description = "Failed controls on production resources are critical"
  rule_order  = 1
  rule_status = "DISABLED"

  criteria {
    resource_tags {
      comparison = "EQUALS"
      key        = "environment"
      value      = "prod"
    }
  }

  actions {
    type = "FINDING_FIELDS_UPDATE"
    finding_fields_update {
      severity {
        label = "CRITICAL"
      }
    }
  }
}
