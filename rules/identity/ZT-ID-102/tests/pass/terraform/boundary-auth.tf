resource "boundary_auth_method_oidc" "entra" {
  name                 = "entra-id"
  scope_id             = boundary_scope.org.id
  issuer               = "https://login.microsoftonline.com/${var.tenant_id}/v2.0"
  client_id            = var.boundary_client_id
  client_secret        = var.boundary_client_secret
  signing_algorithms   = ["RS256"]
  api_url_prefix       = "https://boundary.example.com"
  claims_scopes        = ["profile", "email"]
  account_claim_maps   = ["oid=sub"]
  is_primary_for_scope = true
}

# The bootstrap password method may still exist (ZT-ID-101 flags it); this rule only needs the IdP.
resource "boundary_auth_method_password" "bootstrap" {
  name     = "bootstrap"
  scope_id = "global"
}
