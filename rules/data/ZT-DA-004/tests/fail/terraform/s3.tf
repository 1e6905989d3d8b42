resource "aws_s3_bucket" "invoices" {
  bucket = "example-invoices-prod"
}

# Trap: the two settings left out default to false.
resource "aws_s3_bucket_public_access_block" "invoices" {
  bucket              = aws_s3_bucket.invoices.id
  block_public_acls   = true
  block_public_policy = true
}

# Trap: account-wide block with public policies still honoured.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}
