resource "aws_db_instance" "orders" {
  identifier          = "orders-prod"
  engine              = "postgres"
  engine_version      = "16.4"
  instance_class      = "db.r6g.large"
  allocated_storage   = 200
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.db.arn
  username            = "orders_admin"
  manage_master_user_password = true
}

# A read replica inherits encryption from its source.
resource "aws_db_instance" "orders_replica" {
  identifier          = "orders-prod-replica"
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = "db.r6g.large"
}
