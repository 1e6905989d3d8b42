data "aws_iam_policy_document" "deny_regions" {
  statement {
    sid       = "DenyOutsideEU"
    effect    = "Deny"
    not_actions = ["iam:*", "sts:*", "organizations:*", "support:*"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }
}

resource "aws_organizations_policy" "regions" {
  name    = "deny-non-eu-regions"
  type    = "SERVICE_CONTROL_POLICY"
  content = data.aws_iam_policy_document.deny_regions.json
}

resource "aws_organizations_policy_attachment" "workloads" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
