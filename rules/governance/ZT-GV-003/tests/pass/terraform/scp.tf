resource "aws_organizations_policy" "protect_logging" {
  name        = "protect-security-services"
  description = "Nobody but break-glass can blind the audit trail or GuardDuty"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyTrailTampering"
        Effect = "Deny"
        Action = [
          "cloudtrail:StopLogging",
          "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail",
          "guardduty:DeleteDetector",
          "ec2:DeleteFlowLogs"
        ]
        Resource = "*"
        Condition = {
          ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/BreakGlass" }
        }
      }
    ]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect_logging.id
  target_id = data.aws_organizations_organization.this.roots[0].id
}
