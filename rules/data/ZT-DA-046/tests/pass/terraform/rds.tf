resource "aws_db_instance" "orders" {
  identifier              = "orders-prod"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 14
  backup_window           = "02:00-03:00"
  deletion_protection     = true
}
