# enabled defaults to true.
resource "aws_ebs_encryption_by_default" "this" {}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = aws_kms_key.ebs.arn
}
