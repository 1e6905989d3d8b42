resource "boundary_target" "prod_postgres" {
  name                = "prod-postgres"
  type                = "tcp"
  scope_id            = boundary_scope.prod.id
  default_port        = 5432
  session_max_seconds = 3600
  host_source_ids     = [boundary_host_set_static.prod_db.id]
}
