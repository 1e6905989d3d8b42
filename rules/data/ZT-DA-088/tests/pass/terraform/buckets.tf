resource "aws_s3_bucket" "exports" {
  bucket = "example-customer-exports"

  tags = {
    data-classification = "confidential"
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-static-assets"

  tags = {
    data-classification = "public"
  }
}
