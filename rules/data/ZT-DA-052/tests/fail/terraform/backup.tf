# Trap: a daily plan with long retention, but no copy anywhere else.
resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily-35d"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
  }
}
