# People as IAM users, and a data source that only reads an existing OIDC provider.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = "admins"
  users = [aws_iam_user.alice.name]
}

data "aws_iam_openid_connect_provider" "github" {
  url = "https://token.actions.githubusercontent.com"
}
