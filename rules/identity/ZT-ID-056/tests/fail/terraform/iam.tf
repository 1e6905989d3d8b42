resource "aws_iam_user" "ci" {
  name = "ci-deployer"
  path = "/system/"
}

# ruleid: ZT-ID-056
resource "aws_iam_access_key" "ci" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:platform"
}

# ok: ZT-ID-056
resource "aws_iam_access_key" "ci_old" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}

# ok: ZT-ID-056
resource "aws_iam_access_key" "unused" {
  count = 0
  user  = aws_iam_user.ci.name
}
