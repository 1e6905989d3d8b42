# Trap 1: a risk-based policy that is disabled.
resource "azuread_conditional_access_policy" "signin_risk" {
  display_name = "CA020: MFA on sign-in risk"
  state        = "disabled"

  conditions {
    client_app_types    = ["all"]
    sign_in_risk_levels = ["medium", "high"]

    applications {
      included_applications = ["All"]
    }

    users {
      included_users = ["All"]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }
}

# Trap 2: an Okta rule scoped to any risk (no risk condition at all).
resource "okta_app_signon_policy_rule" "default" {
  policy_id  = okta_app_signon_policy.payroll.id
  name       = "default"
  risk_score = "ANY"
  access     = "ALLOW"
}
