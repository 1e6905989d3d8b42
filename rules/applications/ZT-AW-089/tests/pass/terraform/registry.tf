module "ecr_checkout" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "2.3.0"

  repository_name = "shop/checkout"
}
