# SREs can see which audit devices exist, not change them.
path "sys/audit" {
  # ok: ZT-VA-078
  capabilities = ["read", "sudo"]
}

path "sys/audit/*" {
  # ok: ZT-VA-078
  capabilities = ["deny"]
}

path "sys/health" {
  capabilities = ["read"]
}
