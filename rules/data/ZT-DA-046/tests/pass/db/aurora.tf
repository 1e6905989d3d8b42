resource "aws_rds_cluster" "catalog" {
  cluster_identifier      = "catalog"
  engine                  = "aurora-postgresql"
  backup_retention_period = 14
  deletion_protection     = true
}

resource "aws_rds_cluster_instance" "catalog" {
  count              = 2
  cluster_identifier = aws_rds_cluster.catalog.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.catalog.engine
}
