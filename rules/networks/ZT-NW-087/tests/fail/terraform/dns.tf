# Trap 1: a failover pair whose PRIMARY has no health check and an alias that does not evaluate
# target health: Route 53 never considers it unhealthy, so traffic never fails over.
resource "aws_route53_record" "api_primary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "api.example.com"
  type           = "A"
  set_identifier = "primary"

  alias {
    name                   = aws_lb.eu.dns_name
    zone_id                = aws_lb.eu.zone_id
    evaluate_target_health = false
  }

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "api_secondary" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "api.example.com"
  type           = "A"
  set_identifier = "secondary"

  alias {
    name                   = aws_lb.us.dns_name
    zone_id                = aws_lb.us.zone_id
    evaluate_target_health = true
  }

  failover_routing_policy {
    type = "SECONDARY"
  }
}

# Trap 2: latency records without health evaluation keep answering with a dead region.
resource "aws_route53_record" "web_eu" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "www.example.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["eu.www.example.com"]
  set_identifier = "eu"

  latency_routing_policy {
    region = "eu-west-1"
  }
}

resource "aws_route53_record" "web_us" {
  zone_id        = aws_route53_zone.main.zone_id
  name           = "www.example.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["us.www.example.com"]
  set_identifier = "us"

  latency_routing_policy {
    region = "us-east-1"
  }
}
