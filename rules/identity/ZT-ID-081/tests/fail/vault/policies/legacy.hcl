# Trap: pre-0.9 syntax: "read" on all of sys/.
# ruleid: ZT-ID-081
path "sys/*" {
  policy = "read"
}
