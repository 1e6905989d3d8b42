module "bob" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 6.0"

  name              = "bob"
  create_access_key = false
}

module "deploy_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.39"

  role_name   = "deploy"
  create_role = true
}
