resource "okta_app_signon_policy_rule" "deny_high_risk" {
  policy_id  = okta_app_signon_policy.payroll.id
  name       = "deny-high-risk"
  priority   = 1
  risk_score = "HIGH"
  access     = "DENY"
}
