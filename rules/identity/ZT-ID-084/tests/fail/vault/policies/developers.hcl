# Personal secrets live under a shared prefix everyone in the group can read.
path "secret/data/users/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}

# Trap: a templated path that only denies grants nothing.
path "secret/data/{{identity.entity.name}}/*" {
  capabilities = ["deny"]
}
