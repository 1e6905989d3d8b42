# Trap: only an unused-access analyzer; nothing reports access granted outside the account.
resource "aws_accessanalyzer_analyzer" "unused" {
  analyzer_name = "unused-access"
  type          = "ACCOUNT_UNUSED_ACCESS"
}
