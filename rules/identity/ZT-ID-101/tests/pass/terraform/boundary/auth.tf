resource "boundary_auth_method_oidc" "okta" {
  name                 = "okta"
  description          = "Okta OIDC"
  scope_id             = boundary_scope.org.id
  issuer               = "https://acme.okta.com"
  client_id            = var.okta_client_id
  client_secret        = var.okta_client_secret
  signing_algorithms   = ["RS256"]
  api_url_prefix       = "https://boundary.example.com"
  claims_scopes        = ["groups"]
  is_primary_for_scope = true
  state                = "active-public"
}

resource "boundary_managed_group" "sre" {
  name           = "sre"
  auth_method_id = boundary_auth_method_oidc.okta.id
  filter         = "\"sre\" in \"/token/groups\""
}
