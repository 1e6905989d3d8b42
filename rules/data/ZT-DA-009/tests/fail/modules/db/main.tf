# Module style: the replica source is a variable that is usually null, so the instance is judged,
# and a variable cannot prove that storage is encrypted.
resource "aws_db_instance" "this" {
  identifier          = var.identifier
  engine              = var.engine
  instance_class      = var.instance_class
  replicate_source_db = var.replicate_source_db
  # ruleid: ZT-DA-009
  storage_encrypted   = var.storage_encrypted
  kms_key_id          = var.kms_key_id
}
