# count and for_each that are not literally zero still create profiles.
variable "humans" {
  type    = set(string)
  default = ["bob", "carol"]
}

resource "aws_iam_user" "human" {
  for_each = var.humans
  name     = each.key
}

# ruleid: ZT-ID-053
resource "aws_iam_user_login_profile" "human" {
  for_each = aws_iam_user.human
  user     = each.value.name
}

# ruleid: ZT-ID-053
resource "aws_iam_user_login_profile" "breakglass" {
  count = var.enable_breakglass ? 1 : 0
  user  = "breakglass"
}
