resource "aws_securityhub_automation_rule" "escalate_prod" {
  rule_name   = "escalate-prod-failed-controls"
  description = "Failed controls on production resources are critical"
  rule_order  = 1

  criteria {
    resource_tags {
      comparison = "EQUALS"
      key        = "environment"
      value      = "prod"
    }
    compliance_status {
      comparison = "EQUALS"
      value      = "FAILED"
    }
  }

  actions {
    type = "FINDING_FIELDS_UPDATE"
    finding_fields_update {
      severity {
        label = "CRITICAL"
      }
      note {
        text       = "Escalated: failed control on a production resource"
        updated_by = "securityhub-automation"
      }
    }
  }
}
