# Operators: discover names everywhere, read only their own engines.
path "*" {
  # ok: ZT-ID-081
  capabilities = ["list"]
}

path "secret/data/team-payments/*" {
  capabilities = ["read"]
}

path "sys/mounts" {
  capabilities = ["read"]
}

# An explicit deny on sys/ grants nothing.
path "sys/*" {
  # ok: ZT-ID-081
  capabilities = ["deny"]
}
