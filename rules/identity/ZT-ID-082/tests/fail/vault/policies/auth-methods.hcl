# Enabling, disabling and tuning auth methods.
path "sys/auth/*" {
  # ruleid: ZT-ID-082
  capabilities = ["create", "update", "delete", "sudo"]
}

path "sys/auth" {
  capabilities = ["read"]
}
