# "developers" policy: write to every application's secrets.
path "secret/data/*" {
  # ruleid: ZT-DA-071
  capabilities = ["create", "read", "update", "patch", "list"]
}
