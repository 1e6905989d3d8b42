resource "aws_db_instance" "orders" {
  identifier     = "orders-prod"
  engine         = "postgres"
  instance_class = "db.m6g.large"
  username       = "orders_admin"
  # ruleid: ZT-DA-053
  password       = "Orders-Prod-2024!"
}

# Trap: the literal is in master_password next to a referenced username.
resource "aws_rds_cluster" "catalog" {
  cluster_identifier = "catalog"
  engine             = "aurora-postgresql"
  master_username    = var.catalog_admin
  # ruleid: ZT-DA-053
  master_password    = "changeme"
}

# Trap: an ElastiCache auth token (not called password).
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "web sessions"
  transit_encryption_enabled = true
  # ruleid: ZT-DA-053
  auth_token                 = "0123456789abcdef0123456789"
}
