# Trap: no TTLs at all: leases inherit Vault's 768h default.
resource "vault_database_secret_backend_role" "orders_rw" {
  backend = vault_database_secrets_mount.db.path
  name    = "orders-readwrite"
  db_name = "orders"
  creation_statements = [
    "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA orders TO \"{{name}}\";",
  ]
}

# Trap: 0 is not "no lease"; it means "inherit", i.e. 768h.
resource "vault_database_secret_backend_role" "reporting" {
  backend     = vault_database_secrets_mount.db.path
  name        = "reporting"
  db_name     = "orders"
  default_ttl = 0
  max_ttl     = 0
  creation_statements = ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}';"]
}

# Short default, but renewable for 30 days.
resource "vault_database_secret_backend_role" "etl" {
  backend     = vault_database_secrets_mount.db.path
  name        = "etl"
  db_name     = "orders"
  default_ttl = 3600
  max_ttl     = 2592000
  creation_statements = ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}';"]
}
