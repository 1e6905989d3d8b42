# Trap 1: a recorder limited to three resource types.
resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::S3::Bucket"]
  }
}

# Trap 2: the status resource exists but keeps the recorder stopped.
resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = false
}
