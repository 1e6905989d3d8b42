resource "hoop_connection" "prod_crm_db" {
  name     = "prod-crm-db"
  type     = "database"
  subtype  = "postgres"
  agent_id = var.hoop_agent_id

  reviewers = ["dba-leads"]

  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "disabled"
  access_schema        = "enabled"
}

resource "hoop_datamasking_rules" "crm_pii" {
  name            = "crm-pii"
  description     = "Mask customer PII from the CRM database"
  score_threshold = 0.6
  connection_ids  = [hoop_connection.prod_crm_db.id]
  supported_entity_types = [
    {
      name         = "PII"
      entity_types = ["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"]
    }
  ]
  custom_entity_types = []
}
