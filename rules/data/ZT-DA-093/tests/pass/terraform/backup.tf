resource "aws_backup_selection" "gold" {
  name         = "gold-tier"
  plan_id      = aws_backup_plan.gold.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = ["*"]

  condition {
    string_equals {
      key   = "aws:ResourceTag/backup-tier"
      value = "gold"
    }
  }
}
