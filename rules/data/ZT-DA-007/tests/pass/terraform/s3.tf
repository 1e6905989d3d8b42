resource "aws_kms_key" "invoices" {
  description         = "invoices bucket"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "invoices" {
  bucket = "example-invoices-prod"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.invoices.arn
    }
    bucket_key_enabled = true
  }
}
