# Module style: an unresolved variable is not an explicit public exposure.
resource "aws_db_instance" "this" {
  identifier          = var.identifier
  engine              = "postgres"
  instance_class      = var.instance_class
  storage_encrypted   = true
  publicly_accessible = var.publicly_accessible
}
