resource "aws_fms_policy" "sg_audit" {
  name                  = "audit-open-security-groups"
  exclude_resource_tags = false
  resource_type_list    = ["AWS::EC2::SecurityGroup"]

  include_map {
    orgunit = [aws_organizations_organizational_unit.workloads.id]
  }

  security_service_policy_data {
    type = "SECURITY_GROUPS_CONTENT_AUDIT"
    managed_service_data = jsonencode({
      type = "SECURITY_GROUPS_CONTENT_AUDIT"
      securityGroupAction = {
        type = "ALLOW"
      }
      securityGroups = [{ id = aws_security_group.approved_baseline.id }]
    })
  }
}
