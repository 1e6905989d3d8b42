# Trap: assignments made to named users one by one.
resource "aws_ssoadmin_account_assignment" "alice_prod" {
  instance_arn       = local.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.admin.arn
  principal_id       = data.aws_identitystore_user.alice.user_id
  principal_type     = "USER"
  target_id          = var.prod_account_id
  target_type        = "AWS_ACCOUNT"
}

resource "okta_app_user" "bob_grafana" {
  app_id   = okta_app_oauth.grafana.id
  user_id  = data.okta_user.bob.id
  username = "bob@example.com"
}
