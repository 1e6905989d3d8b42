resource "random_password" "orders" {
  length  = 32
  special = true
}

resource "aws_db_instance" "orders" {
  identifier     = "orders-prod"
  engine         = "postgres"
  instance_class = "db.m6g.large"
  username       = "orders_admin"
  password       = random_password.orders.result
}

resource "aws_rds_cluster" "catalog" {
  cluster_identifier          = "catalog"
  engine                      = "aurora-postgresql"
  master_username             = "catalog_admin"
  manage_master_user_password = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "web sessions"
  transit_encryption_enabled = true
  auth_token                 = data.aws_secretsmanager_secret_version.redis.secret_string
}

resource "aws_redshift_cluster" "dw" {
  cluster_identifier = "dw"
  master_username    = "dw_admin"
  master_password    = jsondecode(data.aws_secretsmanager_secret_version.dw.secret_string)["password"]
}
