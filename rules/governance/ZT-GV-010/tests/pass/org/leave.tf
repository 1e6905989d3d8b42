# A single Statement object with Action as a string.
resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave-organization"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
    }
  })
}

resource "aws_organizations_policy_attachment" "deny_leave_root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = var.root_id
}
