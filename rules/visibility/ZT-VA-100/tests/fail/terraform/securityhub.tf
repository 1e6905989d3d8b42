# Trap: Security Hub enabled with default standards off and no subscription: it aggregates
# other services' findings but evaluates no control.
resource "aws_securityhub_account" "this" {
  enable_default_standards = false
  auto_enable_controls     = false
}
