# Trap: token roles decide the policies of tokens minted against them, not the caller.
path "auth/token/roles/*" {
  # ruleid: ZT-ID-082
  capabilities = ["create", "read", "update"]
}
