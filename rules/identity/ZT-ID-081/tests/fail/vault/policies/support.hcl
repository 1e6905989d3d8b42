# "support" policy attached to the helpdesk OIDC group: looks read-only, reads everything.
path "*" {
  # ruleid: ZT-ID-081
  capabilities = ["read", "list"]
}
