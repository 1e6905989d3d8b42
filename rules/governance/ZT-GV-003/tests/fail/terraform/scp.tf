# Trap: an Allow-only SCP (the FullAWSAccess pattern) restricts nothing.
resource "aws_organizations_policy" "full_access" {
  name = "full-access"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "*", Resource = "*" }
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.full_access.id
  target_id = "r-ab12"
}

# Trap: a tag policy is not a guardrail.
resource "aws_organizations_policy" "tags" {
  name    = "cost-center-tags"
  type    = "TAG_POLICY"
  content = <<JSON
{ "tags": { "costcenter": { "tag_key": { "@@assign": "CostCenter" } } }, "Effect": "Deny" }
JSON
}
