# Trap: KV v1 mount, delete only.
path "kv/*" {
  # ruleid: ZT-DA-071
  capabilities = ["delete", "list"]
}
