# Traps: recording switched by an unresolved variable, recording commented out, and recording
# enabled without a storage bucket.
resource "boundary_target" "prod_ssh" {
  name                     = "prod-ssh"
  type                     = "ssh"
  scope_id                 = boundary_scope.prod.id
  default_port             = 22
  host_source_ids          = [boundary_host_set_plugin.prod_ec2.id]
  enable_session_recording = var.enable_session_recording
  storage_bucket_id        = boundary_storage_bucket.recordings.id
}

resource "boundary_target" "staging_ssh" {
  name            = "staging-ssh"
  type            = "ssh"
  scope_id        = boundary_scope.staging.id
  default_port    = 22
  host_source_ids = [boundary_host_set_plugin.staging.id]
  # enable_session_recording = true
  # storage_bucket_id        = boundary_storage_bucket.recordings.id
}

resource "boundary_target" "bastion" {
  name                     = "bastion"
  type                     = "ssh"
  scope_id                 = boundary_scope.prod.id
  default_port             = 22
  address                  = "bastion.prod.internal"
  enable_session_recording = true
}
