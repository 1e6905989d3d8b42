# A block policy scoped to one pilot group only: everyone else keeps legacy protocols.
resource "azuread_conditional_access_policy" "block_legacy_pilot" {
  display_name = "CA000: Block legacy authentication (pilot)"
  state        = "enabled"

  conditions {
    client_app_types = ["exchangeActiveSync", "other"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_groups = [azuread_group.legacy_auth_pilot.object_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["block"]
  }
}
