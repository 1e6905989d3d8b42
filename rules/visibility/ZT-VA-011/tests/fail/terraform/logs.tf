# Traps: 180 days is short of a year; an omitted retention_in_days never expires but is no
# retention decision; a variable cannot be evaluated.
resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/org-trail"
  retention_in_days = 180
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name = "/vpc/flow-logs"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/k8s/audit"
  retention_in_days = var.audit_retention_days
}
