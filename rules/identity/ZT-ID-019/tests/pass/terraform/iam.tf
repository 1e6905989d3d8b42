resource "aws_iam_policy" "deploy" {
  name = "deploy"
  # ok: ZT-ID-019
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:*"]
        Resource = ["arn:aws:s3:::acme-artifacts", "arn:aws:s3:::acme-artifacts/*"]
      },
      {
        Effect    = "Deny"
        NotAction = ["iam:ChangePassword"]
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      }
    ]
  })
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = ["arn:aws:ecs:eu-west-1:111122223333:service/prod/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}

resource "aws_iam_role_policy" "ci" {
  name   = "ci"
  role   = aws_iam_role.ci.id
  policy = data.aws_iam_policy_document.ci.json
}

resource "aws_iam_user_policy" "reporting" {
  name   = "reporting"
  user   = aws_iam_user.reporting.name
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["athena:StartQueryExecution", "athena:GetQueryResults"], "Resource": "*"}
  ]
}
EOT
}
