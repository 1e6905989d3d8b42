resource "aws_rds_cluster" "ledger" {
  cluster_identifier                  = "ledger"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.4"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  manage_master_user_password         = true
  master_username                     = "ledger_admin"
}
