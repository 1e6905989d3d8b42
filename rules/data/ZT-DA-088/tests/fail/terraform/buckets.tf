resource "aws_s3_bucket" "exports" {
  bucket = "example-customer-exports"

  tags = {
    data-classification = "confidential"
  }
}

# ruleid: ZT-DA-088
resource "aws_s3_bucket" "reports" {
  bucket = "example-finance-reports"
}

resource "aws_s3_bucket" "scratch" {
  bucket = "example-scratch"

  # ruleid: ZT-DA-088
  tags = {
    classification = "unknown"
  }
}
