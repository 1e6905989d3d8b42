# Trap: Allow with NotPrincipal (everyone except one role).
resource "aws_s3_bucket_policy" "exports" {
  bucket = "acme-exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # ruleid: ZT-DA-044
      {
        Effect       = "Allow"
        NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/auditor" }
        Action       = "s3:GetObject"
        Resource     = "arn:aws:s3:::acme-exports/*"
      }
    ]
  })
}
