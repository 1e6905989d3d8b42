# Every developer gets their own secret space, and only theirs.
path "secret/data/users/{{identity.entity.name}}/*" {
  capabilities = ["create", "read", "update", "delete", "list"]
}

path "secret/metadata/users/{{identity.entity.name}}/*" {
  capabilities = ["list", "read", "delete"]
}

path "secret/data/team-payments/*" {
  capabilities = ["read"]
}
