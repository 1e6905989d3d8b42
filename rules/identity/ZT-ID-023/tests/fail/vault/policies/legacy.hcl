# Pre-0.9 syntax: "write" on everything.
# ruleid: ZT-ID-023
path "*" {
  policy = "write"
}
