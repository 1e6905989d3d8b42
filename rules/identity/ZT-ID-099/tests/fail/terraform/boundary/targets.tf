resource "boundary_target" "prod_postgres" {
  name         = "prod-postgres"
  type         = "tcp"
  scope_id     = boundary_scope.prod.id
  default_port = 5432
  # ruleid: ZT-ID-099
  session_max_seconds = 86400
  host_source_ids     = [boundary_host_set_static.prod_db.id]
}

# ok: ZT-ID-099
resource "boundary_target" "staging_ssh" {
  name                = "staging-ssh"
  type                = "ssh"
  scope_id            = boundary_scope.staging.id
  default_port        = 22
  session_max_seconds = 7200
  host_source_ids     = [boundary_host_set_plugin.staging.id]
}
