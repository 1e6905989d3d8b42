# Trap: `+/*` is every path under every mount, just spelled differently.
path "+/*" {
  # ruleid: ZT-ID-081
  capabilities = ["read"]
}

path "sys/policies/acl/*" {
  capabilities = ["read", "list"]
}
