# An explicit "Active" and a for_each still create keys.
# ruleid: ZT-ID-056
resource "aws_iam_access_key" "backup" {
  user   = "backup-agent"
  status = "Active"
}

# ruleid: ZT-ID-056
resource "aws_iam_access_key" "bots" {
  for_each = toset(["renovate", "sentry"])
  user     = each.key
}
