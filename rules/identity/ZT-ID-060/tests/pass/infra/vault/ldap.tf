resource "vault_ldap_auth_backend" "corp" {
  path         = "ldap"
  url          = "ldaps://dc1.corp.acme.example"
  userdn       = "OU=Users,DC=corp,DC=acme,DC=example"
  userattr     = "sAMAccountName"
  groupdn      = "OU=Groups,DC=corp,DC=acme,DC=example"
  upndomain    = "corp.acme.example"
  insecure_tls = false
  starttls     = false
}
