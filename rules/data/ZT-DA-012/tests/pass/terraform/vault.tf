resource "vault_database_secret_backend_role" "orders_ro" {
  backend     = vault_database_secrets_mount.db.path
  name        = "orders-readonly"
  db_name     = "orders"
  default_ttl = 900
  max_ttl     = 3600
  creation_statements = [
    "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
    "GRANT SELECT ON ALL TABLES IN SCHEMA orders TO \"{{name}}\";",
  ]
}
