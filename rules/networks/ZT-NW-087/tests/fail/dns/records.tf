# Trap: a health-checked PRIMARY with nowhere to fail over to (no SECONDARY record).
resource "aws_route53_record" "api_primary" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = "api.example.com"
  type            = "CNAME"
  ttl             = 60
  records         = ["eu.api.example.com"]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id

  failover_routing_policy {
    type = "PRIMARY"
  }
}
