# Trap: storage_encrypted absent; the provider default is false.
# ruleid: ZT-DA-009
resource "aws_db_instance" "billing" {
  identifier        = "billing-prod"
  engine            = "mysql"
  engine_version    = "8.0.39"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  username          = "billing_admin"
  manage_master_user_password = true
}

resource "aws_db_instance" "analytics" {
  identifier        = "analytics"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  # ruleid: ZT-DA-009
  storage_encrypted = false
}
