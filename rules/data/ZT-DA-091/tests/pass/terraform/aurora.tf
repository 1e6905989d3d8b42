resource "aws_rds_cluster_activity_stream" "payments" {
  resource_arn = aws_rds_cluster.payments.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
