path "secret/data/team-payments/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

path "secret/metadata/team-payments/*" {
  capabilities = ["list", "read"]
}

# Read-only across the engine is a different question (see ZT-ID-081 for catch-alls).
path "secret/data/*" {
  # ok: ZT-DA-071
  capabilities = ["list"]
}

path "secret/destroy/*" {
  # ok: ZT-DA-071
  capabilities = ["deny"]
}
