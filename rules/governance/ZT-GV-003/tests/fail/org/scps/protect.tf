# Trap: a good Deny SCP that is never attached.
resource "aws_organizations_policy" "protect_logging" {
  name = "protect-security-services"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
      Resource = "*"
    }]
  })
}
