# Trap: `+/data/*` is every KV v2 mount at once.
path "+/data/*" {
  # ruleid: ZT-DA-071
  capabilities = ["create", "update"]
}
