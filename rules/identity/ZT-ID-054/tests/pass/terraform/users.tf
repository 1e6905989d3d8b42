module "ci" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 6.0"

  name                 = "ci"
  create_login_profile = false
}

module "legacy" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 5.39"

  name   = "legacy"
  create = false
}
