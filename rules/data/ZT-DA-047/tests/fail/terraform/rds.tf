# Trap: deletion_protection omitted (defaults to false).
resource "aws_db_instance" "orders" {
  identifier              = "orders-prod"
  engine                  = "postgres"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  backup_retention_period = 14
}

# Trap: set as the string "false".
resource "aws_db_instance" "billing" {
  identifier          = "billing-prod"
  engine              = "mysql"
  instance_class      = "db.m6g.large"
  allocated_storage   = 50
  deletion_protection = "false"
}
