# Trap: heredoc JSON, Statement is a single object, Principal {"AWS": ["*"]} as a list.
resource "aws_s3_bucket_policy" "exports" {
  bucket = "acme-partner-exports"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": ["*"]},
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": ["arn:aws:s3:::acme-partner-exports", "arn:aws:s3:::acme-partner-exports/*"]
  }
}
POLICY
}

