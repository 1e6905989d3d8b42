# Trap 1: a risk-based policy left in report-only mode.
resource "azuread_conditional_access_policy" "signin_risk" {
  display_name = "CA020: MFA on sign-in risk (pilot)"
  state        = "enabledForReportingButNotEnforced"

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

# Trap 2: enforced, but only on low risk.
resource "azuread_conditional_access_policy" "low_risk" {
  display_name = "CA021: MFA on low sign-in risk"
  state        = "enabled"

  conditions {
    client_app_types    = ["all"]
    sign_in_risk_levels = ["low"]

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

# Trap 3: an Okta rule at the default risk score ANY (no risk condition).
resource "okta_app_signon_policy_rule" "default" {
  policy_id  = okta_app_signon_policy.payroll.id
  name       = "default"
  risk_score = "ANY"
  access     = "ALLOW"
}
