# Trap: the rate-based rule only counts (left in count mode after the rollout), and the other
# rules of the ACL are not rate-based.
resource "aws_wafv2_web_acl" "public_api" {
  name  = "public-api"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "per-ip-rate-limit"
    priority = 1

    action {
      count {}
    }

    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "per-ip-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "block-bad-countries"
    priority = 2

    action {
      block {}
    }

    statement {
      geo_match_statement {
        country_codes = ["KP"]
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "geo"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "public-api"
    sampled_requests_enabled   = true
  }
}
