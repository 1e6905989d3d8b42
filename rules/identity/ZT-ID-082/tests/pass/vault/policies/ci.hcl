# CI may create child tokens (never more than its own policies) and read its own role ID.
path "auth/token/create" {
  # ok: ZT-ID-082
  capabilities = ["create", "update"]
}

path "auth/approle/role/ci/role-id" {
  capabilities = ["read"]
}

path "auth/token/lookup-self" {
  capabilities = ["read"]
}

# Read-only view of auth roles.
path "auth/kubernetes/role/*" {
  # ok: ZT-ID-082
  capabilities = ["read", "list"]
}

path "sys/auth/*" {
  # ok: ZT-ID-082
  capabilities = ["deny"]
}
