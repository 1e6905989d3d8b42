# Trap 1: MySQL exports error and slow-query logs only.
resource "aws_db_instance" "catalog" {
  identifier                      = "catalog"
  engine                          = "mysql"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 20
  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
}

# Trap 2: PostgreSQL exports its log, but no parameter group configures pgaudit.
resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 100
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_parameter_group" "orders" {
  name   = "orders-pg16"
  family = "postgres16"

  parameter {
    name  = "log_connections"
    value = "1"
  }
}
