# Trap: transit_encryption_enabled omitted (defaults to false).
# ruleid: ZT-NW-046
resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "web sessions"
  engine                     = "redis"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_cluster" "catalog" {
  cluster_id           = "catalog"
  engine               = "memcached"
  node_type            = "cache.t4g.small"
  num_cache_nodes      = 2
  # ruleid: ZT-NW-046
  transit_encryption_enabled = false
}
