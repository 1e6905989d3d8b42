data "aws_iam_policy_document" "self_management" {
  statement {
    sid       = "AllowSelfManagement"
    actions   = ["iam:ChangePassword", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice"]
    resources = ["arn:aws:iam::*:user/$${aws:username}"]
  }

  dynamic "statement" {
    for_each = var.enable_mfa_enforcement ? [1] : []

    content {
      sid         = "DenyAllExceptListedIfNoMFA"
      effect      = "Deny"
      not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"]
      resources   = ["*"]

      condition {
        test     = "BoolIfExists"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["false"]
      }
    }
  }
}
