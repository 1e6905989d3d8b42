# Operators: read everything's metadata, manage only their own engines and leases.
path "*" {
  # ok: ZT-ID-023
  capabilities = ["list"]
}

path "sys/mounts/team-payments/*" {
  capabilities = ["create", "read", "update", "delete"]
}

# Narrow sudo on a root-protected endpoint is scoped, not root-like.
path "sys/leases/revoke-prefix/database/creds/payments/*" {
  capabilities = ["update", "sudo"]
}

# An explicit deny on sys/ grants nothing.
path "sys/*" {
  # ok: ZT-ID-023
  capabilities = ["deny"]
}
