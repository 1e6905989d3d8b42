# Trap: the only Firewall Manager policy is Shield Advanced (DDoS protection), not a network
# security policy.
resource "aws_fms_policy" "shield" {
  name                  = "shield-public-endpoints"
  exclude_resource_tags = false
  remediation_enabled   = true
  resource_type_list    = ["AWS::ElasticLoadBalancingV2::LoadBalancer"]

  security_service_policy_data {
    type = "SHIELD_ADVANCED"
  }
}
