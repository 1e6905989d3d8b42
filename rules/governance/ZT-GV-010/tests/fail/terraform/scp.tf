# Trap 1: a region guardrail whose NotAction exempts CloudTrail and GuardDuty: it does not stop
# anyone from disabling them.
resource "aws_organizations_policy" "regions" {
  name = "deny-unapproved-regions"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["cloudtrail:*", "guardduty:*", "iam:*", "organizations:*", "sts:*"]
      Resource  = "*"
      Condition = {
        StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] }
      }
    }]
  })
}

# Trap 2: the baseline actions in an Allow statement.
resource "aws_organizations_policy" "security_team" {
  name = "security-team-allow"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudtrail:StopLogging", "guardduty:DeleteDetector"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "regions_root" {
  policy_id = aws_organizations_policy.regions.id
  target_id = var.root_id
}
