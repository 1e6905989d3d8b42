provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      DataClassification = "restricted"
    }
  }
}

resource "aws_s3_bucket" "raw" {
  bucket = "example-analytics-raw"
}

resource "aws_s3_bucket" "curated" {
  bucket = "example-analytics-curated"
}
