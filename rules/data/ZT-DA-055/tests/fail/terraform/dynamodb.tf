# Trap: no point_in_time_recovery block at all (off by default).
# ruleid: ZT-DA-055
resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "cart_id"
  attribute {
    name = "cart_id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"
  attribute {
    name = "order_id"
    type = "S"
  }
  # ruleid: ZT-DA-055
  point_in_time_recovery {
    enabled = false
  }
}
