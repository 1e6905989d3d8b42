# Trap 1: Bot Control without a configuration block inspects at the COMMON level.
resource "aws_wafv2_web_acl" "shop" {
  name  = "shop"
  scope = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "bot-control"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesBotControlRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "bot-control"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "shop"
    sampled_requests_enabled   = true
  }
}

# Trap 2: account-takeover prevention configured, but left in count mode.
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
      count {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesATPRuleSet"
        vendor_name = "AWS"
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
