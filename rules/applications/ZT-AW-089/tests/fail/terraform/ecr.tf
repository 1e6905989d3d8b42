# Trap 1: no image_scanning_configuration: scan_on_push defaults to false.
resource "aws_ecr_repository" "storefront" {
  name = "shop/storefront"
}

# Trap 2: the module with scanning switched off.
module "ecr_checkout" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "2.3.0"

  repository_name              = "shop/checkout"
  repository_image_scan_on_push = false
}

# Trap 3: a registry rule that only allows manual scans.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "MANUAL"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}
