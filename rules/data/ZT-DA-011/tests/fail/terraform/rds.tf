# Trap: the argument is absent and defaults to false.
resource "aws_db_instance" "orders" {
  identifier        = "orders-prod"
  engine            = "postgres"
  instance_class    = "db.r6g.large"
  allocated_storage = 200
  storage_encrypted = true
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier                  = "ledger"
  engine                              = "aurora-mysql"
  storage_encrypted                   = true
  iam_database_authentication_enabled = false
}
