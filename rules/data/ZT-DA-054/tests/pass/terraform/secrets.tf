resource "aws_secretsmanager_secret_rotation" "partner" {
  secret_id           = aws_secretsmanager_secret.partner.id
  rotation_lambda_arn = aws_lambda_function.rotate.arn
  rotation_rules {
    automatically_after_days = 30
  }
}
