# A reusable module: the caller passes the tags, so the module itself is not judged.
variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
  tags   = var.tags
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.bucket}-logs"
  tags   = merge(var.tags, { "data-classification" = "internal" })
}

resource "aws_s3_bucket" "labelled" {
  bucket = "example-labelled"
  tags = {
    "data-classification" = "confidential"
  }
}
