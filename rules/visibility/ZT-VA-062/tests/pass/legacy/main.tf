resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  logging {
    target_bucket = "acme-access-logs"
    target_prefix = "legacy/"
  }
}
