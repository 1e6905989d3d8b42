# aws_iam_policy_attachment mixes roles with users and groups; GovCloud partition ARN.
resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  roles      = [aws_iam_role.ops.name]
  # ruleid: ZT-ID-020
  users      = [aws_iam_user.bob.name]
  policy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy_attachments_exclusive" "carol" {
  # ruleid: ZT-ID-020
  user_name   = aws_iam_user.carol.name
  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]
}
