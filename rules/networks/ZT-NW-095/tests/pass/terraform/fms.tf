resource "aws_fms_policy" "dns_firewall" {
  name                  = "dns-firewall-baseline"
  exclude_resource_tags = false
  remediation_enabled   = true
  resource_type         = "AWS::EC2::VPC"

  security_service_policy_data {
    type = "DNS_FIREWALL"
    managed_service_data = jsonencode({
      type = "DNS_FIREWALL"
      preProcessRuleGroups = [{
        ruleGroupId = aws_route53_resolver_firewall_rule_group.malware.id
        priority    = 11
      }]
      postProcessRuleGroups = []
    })
  }
}
