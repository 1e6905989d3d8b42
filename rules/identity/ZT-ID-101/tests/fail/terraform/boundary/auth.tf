resource "boundary_auth_method_oidc" "okta" {
  name                 = "okta"
  scope_id             = boundary_scope.org.id
  issuer               = "https://acme.okta.com"
  client_id            = var.okta_client_id
  client_secret        = var.okta_client_secret
  signing_algorithms   = ["RS256"]
  api_url_prefix       = "https://boundary.example.com"
  is_primary_for_scope = true
  state                = "active-public"
}

# Trap: OIDC exists, but the password method and its accounts are still live next to it.
# ruleid: ZT-ID-101
resource "boundary_auth_method_password" "local" {
  name     = "local"
  scope_id = boundary_scope.org.id
}

resource "boundary_account_password" "ops" {
  auth_method_id = boundary_auth_method_password.local.id
  login_name     = "ops"
  password       = var.ops_password
}
