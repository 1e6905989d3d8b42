# Workload identity only: a CI user without a console password, and people via Identity Center.
resource "aws_iam_user" "ci" {
  name = "ci-legacy"
  path = "/system/"
}

data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_permission_set" "developer" {
  name             = "Developer"
  instance_arn     = tolist(data.aws_ssoadmin_instances.this.arns)[0]
  session_duration = "PT4H"
}
