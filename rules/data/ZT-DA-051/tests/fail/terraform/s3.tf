resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

# Trap: versioning declared, but Suspended.
resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  versioning_configuration {
    status = "Suspended"
  }
}

# Trap: legacy inline block, explicitly off.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  versioning {
    enabled = false
  }
}
