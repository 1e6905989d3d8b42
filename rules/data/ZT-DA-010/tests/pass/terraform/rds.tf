resource "aws_db_instance" "orders" {
  identifier           = "orders-prod"
  engine               = "postgres"
  instance_class       = "db.r6g.large"
  allocated_storage    = 200
  storage_encrypted    = true
  db_subnet_group_name = aws_db_subnet_group.private.name
  publicly_accessible  = false
}

# Omitted: the provider default is false.
resource "aws_db_instance" "billing" {
  identifier           = "billing-prod"
  engine               = "mysql"
  instance_class       = "db.m6g.large"
  allocated_storage    = 100
  storage_encrypted    = true
  db_subnet_group_name = aws_db_subnet_group.private.name
}
