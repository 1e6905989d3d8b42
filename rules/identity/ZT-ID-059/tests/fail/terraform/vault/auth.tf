resource "vault_auth_backend" "userpass" {
  # ruleid: ZT-ID-059
  type = "userpass"
}

# A userpass mount under another path is still userpass.
resource "vault_auth_backend" "ops" {
  # ruleid: ZT-ID-059
  type        = "userpass"
  path        = "ops-login"
  description = "Operators"
  tune {
    default_lease_ttl = "8h"
    max_lease_ttl     = "24h"
  }
}

resource "vault_auth_backend" "kubernetes" {
  # ok: ZT-ID-059
  type = "kubernetes"
}
