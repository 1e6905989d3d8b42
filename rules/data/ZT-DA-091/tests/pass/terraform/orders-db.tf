resource "aws_db_parameter_group" "orders" {
  name   = "orders-pg16"
  family = "postgres16"

  parameter {
    name         = "shared_preload_libraries"
    value        = "pgaudit,pg_stat_statements"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "pgaudit.log"
    value = "read,write,ddl,role"
  }
}

resource "aws_db_instance" "orders" {
  identifier                      = "orders"
  engine                          = "postgres"
  engine_version                  = "16.4"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 100
  parameter_group_name            = aws_db_parameter_group.orders.name
  enabled_cloudwatch_logs_exports = ["postgresql"]
  storage_encrypted               = true
}
