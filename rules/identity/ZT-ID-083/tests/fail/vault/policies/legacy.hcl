# Trap: pre-0.9 syntax, "sudo" on cluster rotation.
# ruleid: ZT-ID-083
path "sys/rotate" {
  policy = "sudo"
}
