resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily-35d"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:222233334444:backup-vault:dr-locked"
      lifecycle {
        delete_after = 90
      }
    }
  }
}
