# Trap: the argument is absent and the provider default is false.
# ruleid: ZT-DA-008
resource "aws_kms_key" "data" {
  description             = "customer data at rest"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "backups" {
  description         = "backups"
  # ruleid: ZT-DA-008
  enable_key_rotation = false
}

# Trap: rotation on, but every three years.
resource "aws_kms_key" "archive" {
  description             = "archive"
  enable_key_rotation     = true
  # ruleid: ZT-DA-008
  rotation_period_in_days = 1095
}

# ok: ZT-DA-008
resource "aws_kms_key" "logs" {
  description         = "central logs"
  enable_key_rotation = true
}
