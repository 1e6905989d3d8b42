resource "aws_ecr_repository" "storefront" {
  name                 = "shop/storefront"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
