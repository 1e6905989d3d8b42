resource "aws_organizations_policy" "backup_gold" {
  name = "backup-gold"
  type = "BACKUP_POLICY"

  content = jsonencode({
    plans = {
      gold = {
        regions = { "@@assign" = ["eu-west-1"] }
        rules = {
          daily = {
            schedule_expression   = { "@@assign" = "cron(0 3 ? * * *)" }
            target_backup_vault_name = { "@@assign" = "main" }
            lifecycle = {
              delete_after_days = { "@@assign" = "35" }
            }
          }
        }
        selections = {
          tags = {
            gold = {
              iam_role_arn = { "@@assign" = "arn:aws:iam::$account:role/backup" }
              tag_key      = { "@@assign" = "backup-tier" }
              tag_value    = { "@@assign" = ["gold"] }
            }
          }
        }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "backup_gold_workloads" {
  policy_id = aws_organizations_policy.backup_gold.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
