# Trap: a backend block that is the local one.
terraform {
  required_version = ">= 1.6"
  backend "local" {
    path = "terraform.tfstate"
  }
}
