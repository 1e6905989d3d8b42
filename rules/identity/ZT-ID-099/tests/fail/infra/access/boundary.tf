# Trap: no session_max_seconds at all, so Boundary's default of 28800 s (8 hours) applies.
# ruleid: ZT-ID-099
resource "boundary_target" "redis" {
  name                     = "prod-redis"
  type                     = "tcp"
  scope_id                 = boundary_scope.prod.id
  default_port             = 6379
  session_connection_limit = -1
  address                  = "redis.prod.internal"
}
