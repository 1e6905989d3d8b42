# "platform" policy attached to the platform engineers' group: sudo on token creation mints
# orphan tokens with any policy.
path "auth/token/create" {
  # ruleid: ZT-ID-082
  capabilities = ["create", "update", "sudo"]
}

path "auth/token/lookup" {
  capabilities = ["update"]
}
