resource "aws_organizations_policy" "protect_baseline" {
  name = "protect-security-baseline"

  content = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "config:StopConfigurationRecorder"],
      "Resource": "*"
    }
  ]
}
POLICY
}

resource "aws_organizations_policy_attachment" "protect_baseline" {
  policy_id = aws_organizations_policy.protect_baseline.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
