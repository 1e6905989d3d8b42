path "sys/audit" {
  # ok: ZT-VA-078
  capabilities = ["read", "sudo"]
}

# Disabling an audit device is a delete on its path.
path "sys/audit/*" {
  # ruleid: ZT-VA-078
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
