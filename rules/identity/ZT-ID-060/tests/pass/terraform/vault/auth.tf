resource "vault_jwt_auth_backend" "oidc" {
  path               = "oidc"
  type               = "oidc"
  oidc_discovery_url = "https://login.acme.example"
  oidc_client_id     = "vault"
  oidc_client_secret = var.oidc_client_secret
  default_role       = "employee"
}

resource "vault_auth_backend" "kubernetes" {
  type = "kubernetes"
}

resource "vault_auth_backend" "legacy" {
  count = 0
  type  = "userpass"
}
