# Trap: a recorder for everything, never started (no recorder status resource).
resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_role.config.arn
}
