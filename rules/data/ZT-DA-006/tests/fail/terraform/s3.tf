resource "aws_s3_bucket" "invoices" {
  bucket = "example-invoices-prod"
}

# S3-managed keys only.
resource "aws_s3_bucket_server_side_encryption_configuration" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Trap: a KMS key id with AES256 is still SSE-S3 (the key id is ignored).
resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "AES256"
      kms_master_key_id = aws_kms_key.reports.arn
    }
  }
}

# A bucket with no encryption configuration at all.
resource "aws_s3_bucket" "reports" {
  bucket = "example-reports-prod"
}
