# Trap 1: remediation_enabled omitted (defaults to false): audit only.
resource "aws_fms_policy" "sg_common" {
  name                  = "common-security-group"
  exclude_resource_tags = false
  resource_type         = "AWS::EC2::NetworkInterface"

  security_service_policy_data {
    type = "SECURITY_GROUPS_COMMON"
    managed_service_data = jsonencode({
      type                 = "SECURITY_GROUPS_COMMON"
      revertManualSecurityGroupChanges = true
      securityGroups       = [{ id = aws_security_group.common.id }]
    })
  }
}

# Trap 2: remediation explicitly off.
resource "aws_fms_policy" "network_firewall" {
  name                  = "egress-inspection"
  exclude_resource_tags = false
  remediation_enabled   = false
  resource_type         = "AWS::EC2::VPC"

  security_service_policy_data {
    type = "NETWORK_FIREWALL"
  }
}

# Remediation on, but for Shield Advanced only: not a network security policy.
resource "aws_fms_policy" "shield" {
  name                  = "shield"
  exclude_resource_tags = false
  remediation_enabled   = true
  resource_type         = "AWS::CloudFront::Distribution"

  security_service_policy_data {
    type = "SHIELD_ADVANCED"
  }
}
