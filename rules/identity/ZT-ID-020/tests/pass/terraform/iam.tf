resource "aws_iam_role" "admin" {
  name                 = "admin"
  max_session_duration = 3600
  assume_role_policy   = data.aws_iam_policy_document.admin_trust.json
}

# ok: ZT-ID-020
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "readonly" {
  group      = aws_iam_group.engineers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
