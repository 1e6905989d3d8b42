# Traps: the OIDC method is created inactive (no one can log in with it) and an LDAP method is
# disabled with count = 0; only the password method works.
resource "boundary_auth_method_oidc" "okta" {
  name               = "okta"
  scope_id           = boundary_scope.org.id
  issuer             = "https://acme.okta.com"
  client_id          = var.okta_client_id
  client_secret      = var.okta_client_secret
  signing_algorithms = ["RS256"]
  api_url_prefix     = "https://boundary.example.com"
  state              = "inactive"
}

resource "boundary_auth_method_ldap" "ad" {
  count    = 0
  name     = "corp-ad"
  scope_id = boundary_scope.org.id
  urls     = ["ldaps://dc1.corp.example.com"]
}

resource "boundary_auth_method_password" "local" {
  name                 = "local"
  scope_id             = boundary_scope.org.id
  is_primary_for_scope = true
}
