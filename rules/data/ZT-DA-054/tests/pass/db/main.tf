resource "aws_rds_cluster" "catalog" {
  cluster_identifier          = "catalog"
  engine                      = "aurora-postgresql"
  master_username             = "catalog_admin"
  manage_master_user_password = true
}
