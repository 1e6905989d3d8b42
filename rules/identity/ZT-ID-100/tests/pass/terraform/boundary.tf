resource "boundary_credential_store_vault" "prod" {
  name      = "prod-vault"
  scope_id  = boundary_scope.prod.id
  address   = "https://vault.internal.example.com:8200"
  namespace = "platform"
  token     = vault_token.boundary.client_token
}

resource "boundary_credential_library_vault_ssh_certificate" "prod_ssh" {
  name                = "prod-ssh-cert"
  credential_store_id = boundary_credential_store_vault.prod.id
  path                = "ssh-client-signer/sign/prod-operator"
  username            = "ec2-user"
  key_type            = "ed25519"
  ttl                 = "1h"
}

resource "boundary_target" "prod_ssh" {
  name                = "prod-ssh"
  type                = "ssh"
  scope_id            = boundary_scope.prod.id
  default_port        = 22
  session_max_seconds = 3600
  host_source_ids     = [boundary_host_set_plugin.prod_ec2.id]
  injected_application_credential_source_ids = [
    boundary_credential_library_vault_ssh_certificate.prod_ssh.id
  ]
}
