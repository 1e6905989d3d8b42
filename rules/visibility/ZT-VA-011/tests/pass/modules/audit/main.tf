resource "aws_cloudwatch_log_group" "eks_audit" {
  name              = "/aws/eks/prod/cluster"
  retention_in_days = 0
}
