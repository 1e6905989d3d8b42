# Trap 1: image_tag_mutability omitted (MUTABLE).
resource "aws_ecr_repository" "storefront" {
  name = "shop/storefront"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# Trap 2: the module explicitly set to MUTABLE.
module "ecr_checkout" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "2.3.0"

  repository_name                 = "shop/checkout"
  repository_image_tag_mutability = "MUTABLE"
}
