resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
  tags = {
    Name = "orders-db-data"
  }
}
