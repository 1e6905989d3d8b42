# No terraform block anywhere: state would be a local terraform.tfstate.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}
