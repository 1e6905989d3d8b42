resource "boundary_target" "prod_postgres" {
  name                     = "prod-postgres"
  description              = "Production PostgreSQL, read-write"
  type                     = "tcp"
  scope_id                 = boundary_scope.prod.id
  default_port             = 5432
  session_max_seconds      = 3600
  session_connection_limit = 1
  host_source_ids          = [boundary_host_set_static.prod_db.id]
  brokered_credential_source_ids = [
    boundary_credential_library_vault.prod_db_rw.id,
  ]
}

# ok: ZT-ID-099
resource "boundary_target" "prod_ssh" {
  name                     = "prod-ssh"
  type                     = "ssh"
  scope_id                 = boundary_scope.prod.id
  default_port             = 22
  session_max_seconds      = 14400
  session_connection_limit = -1
  host_source_ids          = [boundary_host_set_plugin.prod_ec2.id]
  injected_application_credential_source_ids = [
    boundary_credential_library_vault_ssh_certificate.prod.id,
  ]
}
