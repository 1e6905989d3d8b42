# ok: ZT-ID-021
resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# ok: ZT-ID-021
resource "aws_iam_role" "sso_readonly" {
  name                 = "sso-readonly"
  max_session_duration = 1800
  assume_role_policy   = data.aws_iam_policy_document.saml_trust.json
}

# A batch role assumed only by the ECS service may run longer.
# ok: ZT-ID-021
resource "aws_iam_role" "nightly_batch" {
  name                 = "nightly-batch"
  max_session_duration = 43200
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# Known only at plan time: not judged.
resource "aws_iam_role" "module_role" {
  name                 = var.name
  max_session_duration = var.max_session_duration
  assume_role_policy   = data.aws_iam_policy_document.trust.json
}
