# ruleid: ZT-ID-054
module "alice" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 5.39"

  name          = "alice"
  force_destroy = true
  pgp_key       = "keybase:alice"
}

# ruleid: ZT-ID-054
module "bob" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-iam.git//modules/iam-user?ref=v6.0.0"

  name = "bob"
  # Turns off the access key, not the console password.
  create_access_key = false
}

# ok: ZT-ID-054
module "ci" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 5.39"

  name                          = "ci"
  create_iam_user_login_profile = false
}

# ok: ZT-ID-054
module "deploy_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.39"

  role_name   = "deploy"
  create_role = true
}
