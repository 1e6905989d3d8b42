# Trap: retention omitted (RDS default: 1 day).
resource "aws_db_instance" "orders" {
  identifier        = "orders-prod"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  storage_encrypted = true
}

# Trap: retention set from a variable that cannot be verified, and a 3-day cluster.
resource "aws_db_instance" "billing" {
  identifier              = "billing-prod"
  engine                  = "mysql"
  instance_class          = "db.m6g.large"
  allocated_storage       = 50
  backup_retention_period = var.backup_days
}

resource "aws_rds_cluster" "catalog" {
  cluster_identifier      = "catalog"
  engine                  = "aurora-postgresql"
  backup_retention_period = 3
}
