# Trap: the audit device stays, but the headers it records can be changed.
path "sys/config/auditing/request-headers/*" {
  # ruleid: ZT-VA-078
  capabilities = ["update", "delete", "sudo"]
}
