resource "aws_iam_role" "ops" {
  name = "ops"
  # ruleid: ZT-ID-021
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:saml-provider/okta" }
      Action    = "sts:AssumeRoleWithSAML"
    }]
  })
}

resource "aws_iam_role" "support" {
  name = "support"
  # ruleid: ZT-ID-021
  max_session_duration = 28800
  assume_role_policy   = data.aws_iam_policy_document.support_trust.json
}

# ok: ZT-ID-021
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:role/ci" }, Action = "sts:AssumeRole" }]
  })
}
