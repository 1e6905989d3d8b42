# Only Vault-local accounts and workload methods.
resource "vault_auth_backend" "userpass" {
  type = "userpass"
}

resource "vault_auth_backend" "approle" {
  type = "approle"
}

# JWT login for CI pipelines: workload federation, not people logging in through the IdP.
resource "vault_jwt_auth_backend" "gitlab" {
  path               = "jwt-gitlab"
  oidc_discovery_url = "https://gitlab.acme.example"
  bound_issuer       = "https://gitlab.acme.example"
}
