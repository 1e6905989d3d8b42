resource "aws_ssm_patch_baseline" "linux" {
  name             = "linux-security"
  operating_system = "AMAZON_LINUX_2023"

  approval_rule {
    approve_after_days = 7
    patch_filter {
      key    = "CLASSIFICATION"
      values = ["Security"]
    }
  }
}

# Trap 1: the association only scans for missing patches.
resource "aws_ssm_association" "patch_scan" {
  name                = "AWS-RunPatchBaseline"
  schedule_expression = "rate(1 day)"

  parameters = {
    Operation = "Scan"
  }

  targets {
    key    = "InstanceIds"
    values = ["*"]
  }
}

# Trap 2: a maintenance-window task that scans as well.
resource "aws_ssm_maintenance_window_task" "patch" {
  window_id       = aws_ssm_maintenance_window.sunday.id
  task_arn        = "AWS-RunPatchBaseline"
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
        values = ["Scan"]
      }
    }
  }
}
