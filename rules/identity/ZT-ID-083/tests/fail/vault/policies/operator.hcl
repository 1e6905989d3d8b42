# "operator" policy attached to the SRE group for day-to-day work: revoke every lease at once.
path "sys/leases/revoke-prefix/*" {
  # ruleid: ZT-ID-083
  capabilities = ["update", "sudo"]
}

path "sys/leases/lookup/*" {
  capabilities = ["update", "list"]
}
