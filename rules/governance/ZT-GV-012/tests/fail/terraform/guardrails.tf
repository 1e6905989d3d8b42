# Trap: every policy is attached at the root or to one account.
resource "aws_organizations_policy_attachment" "baseline_root" {
  policy_id = aws_organizations_policy.baseline.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy_attachment" "legacy_account" {
  policy_id = aws_organizations_policy.legacy.id
  target_id = "111122223333"
}
