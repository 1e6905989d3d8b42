data "aws_iam_policy_document" "no_iam_users" {
  statement {
    sid       = "DenyLongLivedCredentials"
    effect    = "Deny"
    actions   = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"]
    resources = ["*"]

    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/IdentityBreakGlass"]
    }
  }
}

resource "aws_organizations_policy" "no_iam_users" {
  name    = "deny-iam-users"
  content = data.aws_iam_policy_document.no_iam_users.json
}

resource "aws_organizations_policy_attachment" "no_iam_users_workloads" {
  policy_id = aws_organizations_policy.no_iam_users.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
