# Trap: secret IDs for every AppRole = logging in as any workload.
path "auth/approle/role/+/secret-id" {
  # ruleid: ZT-ID-082
  capabilities = ["update"]
}

path "auth/approle/role/ci/role-id" {
  capabilities = ["read"]
}
