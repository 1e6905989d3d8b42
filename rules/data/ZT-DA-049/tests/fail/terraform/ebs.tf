# Trap: the resource is declared, but switched off.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = true
}
