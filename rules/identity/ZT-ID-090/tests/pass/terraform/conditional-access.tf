resource "azuread_conditional_access_policy" "mfa_all_users" {
  display_name = "CA001: Require MFA for all users"
  state        = "enabled"

  conditions {
    client_app_types = ["all"]

    applications {
      included_applications = ["All"]
    }

    users {
      included_users = ["All"]
      excluded_users = [var.break_glass_1_object_id, var.break_glass_2_object_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }
}
