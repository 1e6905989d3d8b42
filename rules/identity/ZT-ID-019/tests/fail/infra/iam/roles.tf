resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })

  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version = "2012-10-17"
      # ruleid: ZT-ID-019
      Statement = {
        Effect   = "Allow"
        Action   = ["*:*"]
        Resource = ["*"]
      }
    })
  }
}

data "aws_iam_policy_document" "emergency" {
  # ruleid: ZT-ID-019
  dynamic "statement" {
    for_each = var.enable_emergency_access ? [1] : []
    content {
      actions   = ["*"]
      resources = ["*"]
    }
  }
}
