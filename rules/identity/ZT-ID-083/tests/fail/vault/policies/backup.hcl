# Trap: a "backup" policy that exports every secret in the cluster as a Raft snapshot.
path "sys/storage/raft/snapshot" {
  # ruleid: ZT-ID-083
  capabilities = ["read", "sudo"]
}
