resource "azuread_conditional_access_policy" "compliant_device" {
  display_name = "CA020: Require compliant device"
  state        = "enabled"

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users = ["All"]
      excluded_users = [var.break_glass_object_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["compliantDevice"]
  }
}
