# Trap: account-level rule and pack: only this account is evaluated.
resource "aws_config_config_rule" "s3_public_read" {
  name = "s3-bucket-public-read-prohibited"

  source {
    owner             = "AWS"
    source_identifier = "S3_BUCKET_PUBLIC_READ_PROHIBITED"
  }
}

resource "aws_config_conformance_pack" "cis" {
  name          = "cis"
  template_body = file("${path.module}/packs/cis.yaml")
}
