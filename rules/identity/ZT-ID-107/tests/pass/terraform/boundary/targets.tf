resource "boundary_storage_bucket" "recordings" {
  name            = "session-recordings"
  scope_id        = boundary_scope.org.id
  plugin_name     = "aws"
  bucket_name     = "example-boundary-recordings"
  attributes_json = jsonencode({ region = "eu-west-1", disable_credential_rotation = true })
  secrets_json = jsonencode({
    access_key_id     = var.recording_access_key_id
    secret_access_key = var.recording_secret_access_key
  })
  worker_filter = "\"recording\" in \"/tags/type\""
}

resource "boundary_target" "prod_ssh" {
  name                     = "prod-ssh"
  type                     = "ssh"
  scope_id                 = boundary_scope.prod.id
  default_port             = 22
  session_max_seconds      = 3600
  host_source_ids          = [boundary_host_set_plugin.prod_ec2.id]
  injected_application_credential_source_ids = [
    boundary_credential_library_vault_ssh_certificate.prod.id
  ]
  enable_session_recording = true
  storage_bucket_id        = boundary_storage_bucket.recordings.id
}
