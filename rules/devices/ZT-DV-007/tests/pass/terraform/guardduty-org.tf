resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "222233334444"
}

resource "aws_guardduty_organization_configuration" "this" {
  detector_id                      = aws_guardduty_detector.this.id
  auto_enable_organization_members = "ALL"
}
