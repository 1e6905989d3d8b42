resource "aws_controltower_control" "prod_deny_public_rds" {
  control_identifier = "arn:aws:controlcatalog:::control/6ivfkf3r6bvkuzvudb9r4nmnh"
  target_identifier  = aws_organizations_organizational_unit.prod.arn
}

resource "aws_organizations_policy_attachment" "sandbox_budget_guard" {
  policy_id = aws_organizations_policy.sandbox.id
  target_id = aws_organizations_organizational_unit.sandbox.id
}
