resource "aws_ssm_association" "inventory" {
  name                = "AWS-GatherSoftwareInventory"
  association_name    = "inventory-all-instances"
  schedule_expression = "rate(12 hours)"

  targets {
    key    = "InstanceIds"
    values = ["*"]
  }

  parameters = {
    applications = "Enabled"
    services     = "Enabled"
    windowsUpdates = "Enabled"
  }
}
