# Trap: the right Deny, but the policy is never attached.
resource "aws_organizations_policy" "protect_baseline" {
  name = "protect-security-baseline"

  content = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
      "Resource": "*"
    }
  ]
}
POLICY
}
