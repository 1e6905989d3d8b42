resource "aws_backup_vault" "main" {
  name        = "main"
  kms_key_arn = aws_kms_key.backup.arn
}

# Trap 1: governance mode (no changeable_for_days): the lock can be removed.
resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name  = aws_backup_vault.main.name
  min_retention_days = 35
  max_retention_days = 400
}

# Trap 2: compliance mode, but only a maximum retention: nothing stops early deletion.
resource "aws_backup_vault_lock_configuration" "dr" {
  backup_vault_name   = aws_backup_vault.dr.name
  changeable_for_days = 3
  max_retention_days  = 90
}
