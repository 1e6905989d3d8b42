resource "aws_s3_bucket" "assets" {
  bucket = "acme-web-assets"
}

# Trap: the policy is inside jsonencode, Principal is the bare string "*", next to a Deny statement.
resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.assets.arn, "${aws_s3_bucket.assets.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      # ruleid: ZT-DA-044
      {
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.assets.arn}/*"
      }
    ]
  })
}

# Trap: aws_iam_policy_document, where effect defaults to Allow.
data "aws_iam_policy_document" "reports_public" {
  # ruleid: ZT-DA-044
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-reports/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = "acme-reports"
  policy = data.aws_iam_policy_document.reports_public.json
}
