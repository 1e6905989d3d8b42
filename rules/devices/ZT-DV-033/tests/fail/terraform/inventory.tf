# Trap 1: no schedule: the inventory is gathered once.
resource "aws_ssm_association" "inventory_once" {
  name = "AWS-GatherSoftwareInventory"

  targets {
    key    = "InstanceIds"
    values = ["*"]
  }
}

# Trap 2: scheduled, but only for instances tagged inventory=true.
resource "aws_ssm_association" "inventory_tagged" {
  name                = "AWS-GatherSoftwareInventory"
  schedule_expression = "rate(1 day)"

  targets {
    key    = "tag:inventory"
    values = ["true"]
  }
}
