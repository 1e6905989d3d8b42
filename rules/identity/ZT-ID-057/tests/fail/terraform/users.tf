# ruleid: ZT-ID-057
module "alice" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 5.39"

  name = "alice"
  # Turns off the console password, not the access key.
  create_iam_user_login_profile = false
}

# ruleid: ZT-ID-057
module "renovate" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-iam.git//modules/iam-user?ref=v6.0.0"

  name                 = "renovate"
  create_login_profile = false
  create_access_key    = true
}

# ok: ZT-ID-057
module "bob" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 5.39"

  name                  = "bob"
  create_iam_access_key = false
}
