# Trap: update on destroy/ wipes every version of every secret for good.
path "secret/destroy/*" {
  # ruleid: ZT-DA-071
  capabilities = ["update"]
}
