# Traps: a Vault library is defined but attached to no target; the targets use static credentials
# and a target that is disabled with count = 0.
resource "boundary_credential_library_vault" "db" {
  name                = "prod-db"
  credential_store_id = boundary_credential_store_vault.prod.id
  path                = "database/creds/app-rw"
  http_method         = "GET"
}

resource "boundary_credential_store_static" "shared" {
  name     = "shared-secrets"
  scope_id = boundary_scope.prod.id
}

resource "boundary_credential_username_password" "db_admin" {
  name                = "db-admin"
  credential_store_id = boundary_credential_store_static.shared.id
  username            = "postgres"
  password            = var.db_admin_password
}

resource "boundary_target" "prod_postgres" {
  name                = "prod-postgres"
  type                = "tcp"
  scope_id            = boundary_scope.prod.id
  default_port        = 5432
  session_max_seconds = 3600
  host_source_ids     = [boundary_host_set_static.prod_db.id]
  brokered_credential_source_ids = [
    boundary_credential_username_password.db_admin.id,
  ]
}

resource "boundary_target" "prod_postgres_v2" {
  count               = 0
  name                = "prod-postgres-v2"
  type                = "tcp"
  scope_id            = boundary_scope.prod.id
  default_port        = 5432
  brokered_credential_source_ids = [boundary_credential_library_vault.db.id]
}
