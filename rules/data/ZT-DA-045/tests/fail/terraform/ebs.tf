# Trap: `encrypted` omitted (defaults to false).
# ruleid: ZT-DA-045
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"
  tags = {
    Name = "orders-db-data"
  }
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1b"
  size              = 50
  # ruleid: ZT-DA-045
  encrypted         = false
  kms_key_id        = aws_kms_key.ebs.arn
}

# Trap: encryption by default is declared, but switched off.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
