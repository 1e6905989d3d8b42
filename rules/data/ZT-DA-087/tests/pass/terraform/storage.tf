resource "aws_s3_bucket" "customer_exports" {
  bucket = "example-customer-exports"

  tags = {
    data-classification = "confidential"
    owner               = "billing"
  }
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
