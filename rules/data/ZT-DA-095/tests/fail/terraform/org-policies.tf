# Trap: the backup policy is defined but never attached.
resource "aws_organizations_policy" "backup_gold" {
  name = "backup-gold"
  type = "BACKUP_POLICY"

  content = <<JSON
{
  "plans": {
    "gold": {
      "regions": { "@@assign": ["eu-west-1"] },
      "rules": { "daily": { "target_backup_vault_name": { "@@assign": "main" } } }
    }
  }
}
JSON
}
