# "admin" policy attached to the platform team's OIDC group.
path "secret/data/*" {
  capabilities = ["read", "list"]
}

path "sys/*" {
  # ruleid: ZT-ID-023
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
