# AWS provider v3 style: the encryption block inside aws_s3_bucket.
resource "aws_s3_bucket" "this" {
  bucket_prefix = "archive-"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = var.kms_key_arn
      }
    }
  }
}
