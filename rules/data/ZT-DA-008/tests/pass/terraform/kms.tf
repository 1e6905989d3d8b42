resource "aws_kms_key" "data" {
  description             = "customer data at rest"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_kms_key" "logs" {
  description             = "central logs"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

# Asymmetric signing key: AWS cannot rotate it automatically; out of scope.
resource "aws_kms_key" "release_signing" {
  description              = "release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}
