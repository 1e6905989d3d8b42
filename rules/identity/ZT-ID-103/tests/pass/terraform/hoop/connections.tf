resource "hoop_connection" "prod_orders_db" {
  name     = "prod-orders-db"
  type     = "database"
  subtype  = "postgres"
  agent_id = var.hoop_agent_id

  secrets = {
    "envvar:HOST" = "_aws:prod/orders-db:host"
    "envvar:USER" = "_aws:prod/orders-db:user"
    "envvar:PASS" = "_aws:prod/orders-db:password"
    "envvar:PORT" = "5432"
    "envvar:DB"   = "orders"
  }

  # ok: ZT-ID-103
  reviewers    = ["dba-leads", "security"]
  redact_types = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD_NUMBER"]

  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "enabled"
  access_schema        = "enabled"

  tags = {
    environment = "production"
    team        = "orders"
  }
}

# Staging is out of scope: no review required.
resource "hoop_connection" "staging_orders_db" {
  name                 = "staging-orders-db"
  type                 = "database"
  subtype              = "postgres"
  agent_id             = var.hoop_agent_id
  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "enabled"
  access_schema        = "enabled"
  tags = {
    environment = "staging"
  }
}

# Production, but only runbooks: no interactive or ad-hoc access.
resource "hoop_connection" "prod_billing_runbooks" {
  name                 = "prod-billing"
  type                 = "custom"
  agent_id             = var.hoop_agent_id
  command              = ["bash"]
  access_mode_runbooks = "enabled"
  access_mode_exec     = "disabled"
  access_mode_connect  = "disabled"
  access_schema        = "disabled"
}
