# Trap 1: the Okta rule is INACTIVE.
resource "okta_group_rule" "engineering" {
  name              = "engineering-birthright"
  status            = "INACTIVE"
  group_assignments = [okta_group.engineering.id]
  expression_type   = "urn:okta:expression:1.0"
  expression_value  = "user.department==\"Engineering\""
}

# Trap 2: dynamic membership present but disabled (members are frozen).
resource "azuread_group" "sales" {
  display_name     = "sales-all"
  security_enabled = true
  types            = ["DynamicMembership"]

  dynamic_membership {
    enabled = false
    rule    = "user.department -eq \"Sales\""
  }
}

# A static group with hand-picked members.
resource "azuread_group" "finance" {
  display_name     = "finance"
  security_enabled = true
  members          = [data.azuread_user.carol.object_id]
}
