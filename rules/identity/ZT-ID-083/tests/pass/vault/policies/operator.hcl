# Narrow sudo on one engine's leases is scoped administration.
path "sys/leases/revoke-prefix/database/creds/payments/*" {
  capabilities = ["update", "sudo"]
}

path "sys/leases/lookup/*" {
  capabilities = ["update", "list"]
}

# Raft state can be inspected but not snapshotted.
path "sys/storage/raft/configuration" {
  capabilities = ["read"]
}

path "sys/raw/*" {
  # ok: ZT-ID-083
  capabilities = ["deny"]
}
