resource "aws_ssm_association" "patch" {
  name                = "AWS-RunPatchBaseline"
  association_name    = "weekly-patch-install"
  schedule_expression = "cron(0 3 ? * SUN *)"
  max_concurrency     = "20%"
  max_errors          = "10%"

  parameters = {
    Operation    = "Install"
    RebootOption = "RebootIfNeeded"
  }

  targets {
    key    = "InstanceIds"
    values = ["*"]
  }
}
