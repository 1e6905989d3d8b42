resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  storage_encrypted   = true
  # ruleid: ZT-DA-010
  publicly_accessible = true
}

# Trap: the Aurora cluster is private but one instance of it is public.
resource "aws_rds_cluster_instance" "ledger_1" {
  identifier          = "ledger-1"
  cluster_identifier  = aws_rds_cluster.ledger.id
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  # ruleid: ZT-DA-010
  publicly_accessible = "true"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  # ruleid: ZT-DA-010
  publicly_accessible = true
}
