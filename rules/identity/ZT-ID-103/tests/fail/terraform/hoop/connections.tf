# No reviewers at all on a production shell: the finding points at the connection.
# ruleid: ZT-ID-103
resource "hoop_connection" "prod_shell" {
  name     = "prod-k8s-shell"
  type     = "custom"
  agent_id = var.hoop_agent_id
  command  = ["kubectl", "exec", "-it", "deploy/toolbox", "--", "bash"]

  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "enabled"
  access_schema        = "disabled"
}

# Trap: an empty reviewers list approves nothing.
resource "hoop_connection" "payments_db" {
  name     = "payments-db"
  type     = "database"
  subtype  = "mysql"
  agent_id = var.hoop_agent_id

  # ruleid: ZT-ID-103
  reviewers = []

  access_mode_runbooks = "enabled"
  access_mode_exec     = "enabled"
  access_mode_connect  = "enabled"
  access_schema        = "enabled"

  tags = {
    environment = "Production"
  }
}
