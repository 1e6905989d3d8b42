# Older provider syntax: the generic auth method resource with type "password".
# ruleid: ZT-ID-101
resource "boundary_auth_method" "password" {
  scope_id = boundary_scope.global.id
  type     = "password"
}

resource "boundary_account" "admin" {
  auth_method_id = boundary_auth_method.password.id
  type           = "password"
  login_name     = "admin"
  password       = var.admin_password
}
