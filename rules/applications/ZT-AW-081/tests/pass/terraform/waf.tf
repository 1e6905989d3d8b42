resource "aws_wafv2_web_acl" "portal" {
  name  = "portal"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "account-takeover"
    priority = 5

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesATPRuleSet"
        vendor_name = "AWS"

        managed_rule_group_configs {
          aws_managed_rules_atp_rule_set {
            login_path = "/api/login"

            request_inspection {
              payload_type = "JSON"
              username_field {
                identifier = "/email"
              }
              password_field {
                identifier = "/password"
              }
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "atp"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "portal"
    sampled_requests_enabled   = true
  }
}
