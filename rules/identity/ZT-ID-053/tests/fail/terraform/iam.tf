resource "aws_iam_user" "alice" {
  name = "alice"
  path = "/people/"
}

# ruleid: ZT-ID-053
resource "aws_iam_user_login_profile" "alice" {
  user                    = aws_iam_user.alice.name
  pgp_key                 = "keybase:alice"
  password_reset_required = true
}

# ok: ZT-ID-053
resource "aws_iam_user_login_profile" "retired" {
  count = 0
  user  = "retired-admin"
}
