# Account-wide default encryption (enabled defaults to true): new volumes are encrypted.
resource "aws_ebs_encryption_by_default" "this" {}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = aws_kms_key.ebs.arn
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 100
}
