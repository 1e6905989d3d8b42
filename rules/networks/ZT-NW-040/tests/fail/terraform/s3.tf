resource "aws_s3_bucket" "invoices" {
  bucket = "acme-invoices"
}

# Trap: the SecureTransport condition is on an Allow statement (it allows TLS, but denies nothing).
resource "aws_s3_bucket_policy" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/billing" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.invoices.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

# Trap: a Deny on the TLS condition with the wrong value (denies TLS requests, a typo).
resource "aws_s3_bucket_policy" "exports" {
  bucket = "acme-exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-exports/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }
  })
}
