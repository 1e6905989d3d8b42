resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "alice_admin" {
  # ruleid: ZT-ID-020
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group_policy_attachment" "admins" {
  # ruleid: ZT-ID-020
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# ok: ZT-ID-020
resource "aws_iam_role_policy_attachment" "break_glass" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
