resource "aws_cloudwatch_event_bus" "security" {
  name = "security"
}

resource "aws_cloudwatch_event_permission" "organization" {
  event_bus_name = aws_cloudwatch_event_bus.security.name
  principal      = "*"
  statement_id   = "OrganizationAccounts"

  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = aws_organizations_organization.this.id
  }
}

resource "aws_cloudwatch_event_rule" "guardduty_high" {
  name           = "guardduty-high"
  event_bus_name = aws_cloudwatch_event_bus.security.name
  event_pattern = jsonencode({
    source = ["aws.guardduty"]
    detail = { severity = [{ numeric = [">=", 7] }] }
  })
}

resource "aws_cloudwatch_event_target" "isolate" {
  rule           = aws_cloudwatch_event_rule.guardduty_high.name
  event_bus_name = aws_cloudwatch_event_bus.security.name
  arn            = aws_sfn_state_machine.contain_instance.arn
  role_arn       = aws_iam_role.events_to_sfn.arn
}
