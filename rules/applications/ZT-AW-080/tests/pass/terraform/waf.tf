resource "aws_wafv2_web_acl" "storefront" {
  name  = "storefront"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "storefront"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "storefront_alb" {
  resource_arn = aws_lb.storefront.arn
  web_acl_arn  = aws_wafv2_web_acl.storefront.arn
}
