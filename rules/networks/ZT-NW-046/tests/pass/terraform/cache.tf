resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "web sessions"
  engine                     = "redis"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
}

# A member of the group inherits the group's encryption.
resource "aws_elasticache_cluster" "replica" {
  cluster_id           = "sessions-replica"
  replication_group_id = aws_elasticache_replication_group.sessions.id
}
