resource "aws_macie2_organization_admin_account" "security" {
  admin_account_id = var.security_account_id
}

resource "aws_macie2_organization_configuration" "this" {
  auto_enable = true
}
