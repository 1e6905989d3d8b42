# Looks harmless, but writing ACL policies means granting yourself anything.
path "sys/policies/acl/*" {
  # ruleid: ZT-ID-023
  capabilities = ["create", "update", "read", "list"]
}
