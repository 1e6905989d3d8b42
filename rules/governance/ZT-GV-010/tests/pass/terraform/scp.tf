resource "aws_organizations_policy" "protect_baseline" {
  name = "protect-security-baseline"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ProtectLoggingAndDetection"
        Effect = "Deny"
        Action = [
          "cloudtrail:StopLogging",
          "cloudtrail:DeleteTrail",
          "guardduty:DeleteDetector",
          "config:StopConfigurationRecorder",
          "securityhub:DisableSecurityHub",
        ]
        Resource = "*"
        Condition = {
          ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/BreakGlass" }
        }
      }
    ]
  })
}

resource "aws_organizations_policy_attachment" "protect_baseline_root" {
  policy_id = aws_organizations_policy.protect_baseline.id
  target_id = aws_organizations_organization.this.roots[0].id
}
