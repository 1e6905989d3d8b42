resource "aws_ssm_maintenance_window_task" "patch_web" {
  window_id       = aws_ssm_maintenance_window.sunday.id
  task_arn        = "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline"
  task_type       = "RUN_COMMAND"
  max_concurrency = "10"
  max_errors      = "1"

  targets {
    key    = "WindowTargetIds"
    values = [aws_ssm_maintenance_window_target.web.id]
  }

  task_invocation_parameters {
    run_command_parameters {
      parameter {
        name   = "Operation"
        values = ["Install"]
      }
      parameter {
        name   = "RebootOption"
        values = ["RebootIfNeeded"]
      }
    }
  }
}
