# Trap: a selection that lists two databases by ARN; nothing else is ever enrolled.
resource "aws_backup_selection" "databases" {
  name         = "databases"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn

  resources = [
    aws_db_instance.orders.arn,
    aws_rds_cluster.payments.arn,
  ]
}
