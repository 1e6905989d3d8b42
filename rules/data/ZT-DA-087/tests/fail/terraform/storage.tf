provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Environment = "prod"
    }
  }
}

# Trap 1: a classification tag with a placeholder value.
resource "aws_s3_bucket" "customer_exports" {
  bucket = "example-customer-exports"

  tags = {
    data-classification = "TBD"
  }
}

# Trap 2: a database tagged for cost, not for sensitivity.
resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50

  tags = {
    CostCenter = "shop"
  }
}

# Trap 3: the label is on the IAM role, not on a data store.
resource "aws_iam_role" "exports_reader" {
  name               = "exports-reader"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = {
    data-classification = "confidential"
  }
}
