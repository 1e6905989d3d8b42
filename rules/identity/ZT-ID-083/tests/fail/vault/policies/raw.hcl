# Raw storage access bypasses every ACL.
path "sys/raw/*" {
  # ruleid: ZT-ID-083
  capabilities = ["read", "sudo"]
}
