resource "aws_iam_policy" "platform_admin" {
  name = "platform-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:*"]
        Resource = "*"
      },
      # ruleid: ZT-ID-019
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }
    ]
  })
}

data "aws_iam_policy_document" "ops" {
  # ruleid: ZT-ID-019
  statement {
    sid       = "AlmostEverything"
    not_actions = ["iam:*", "organizations:*"]
    resources = ["*"]
  }
}

resource "aws_iam_group_policy" "sre" {
  name  = "sre"
  group = aws_iam_group.sre.name
  # ruleid: ZT-ID-019
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["*"]}
  ]
}
EOT
}
