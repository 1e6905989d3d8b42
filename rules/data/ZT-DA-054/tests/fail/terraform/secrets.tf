resource "aws_secretsmanager_secret" "partner" {
  name = "prod/partner/api-key"
}

# Trap: rotation configured, but once a year.
resource "aws_secretsmanager_secret_rotation" "partner" {
  secret_id           = aws_secretsmanager_secret.partner.id
  rotation_lambda_arn = aws_lambda_function.rotate.arn
  rotation_rules {
    automatically_after_days = 365
  }
}

# Trap: RDS-managed password explicitly off.
resource "aws_db_instance" "orders" {
  identifier                  = "orders-prod"
  engine                      = "postgres"
  instance_class              = "db.m6g.large"
  username                    = "orders_admin"
  password                    = random_password.orders.result
  manage_master_user_password = false
}
