resource "aws_ssoadmin_account_assignment" "developers_dev" {
  instance_arn       = local.sso_instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.developer.arn
  principal_id       = data.aws_identitystore_group.developers.group_id
  principal_type     = "GROUP"
  target_id          = var.dev_account_id
  target_type        = "AWS_ACCOUNT"
}
