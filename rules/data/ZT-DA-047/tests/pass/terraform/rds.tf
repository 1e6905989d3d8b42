resource "aws_db_instance" "orders" {
  identifier              = "orders-prod"
  engine                  = "postgres"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  backup_retention_period = 14
  deletion_protection     = true
}
