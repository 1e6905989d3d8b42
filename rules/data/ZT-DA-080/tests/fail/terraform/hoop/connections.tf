# Traps: a connection disabled with count = 0 carries the redaction; the live connection has an
# empty list; the masking rule names no entity types.
resource "hoop_connection" "prod_crm_db_v2" {
  count                = 0
  name                 = "prod-crm-db-v2"
  type                 = "database"
  subtype              = "postgres"
  agent_id             = var.hoop_agent_id
  redact_types         = ["EMAIL_ADDRESS", "PHONE_NUMBER"]
  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "disabled"
  access_schema        = "enabled"
}

resource "hoop_connection" "prod_crm_db" {
  name                 = "prod-crm-db"
  type                 = "database"
  subtype              = "postgres"
  agent_id             = var.hoop_agent_id
  redact_types         = []
  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "enabled"
  access_schema        = "enabled"
}

resource "hoop_datamasking_rules" "placeholder" {
  name                   = "placeholder"
  description            = "to be filled in"
  score_threshold        = 0.5
  connection_ids         = [hoop_connection.prod_crm_db.id]
  supported_entity_types = []
  custom_entity_types    = []
}
