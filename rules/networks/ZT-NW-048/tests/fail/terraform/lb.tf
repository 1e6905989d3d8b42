resource "aws_lb_target_group" "web" {
  name        = "web"
  port        = 8080
  # ruleid: ZT-NW-048
  protocol    = "HTTP"
  vpc_id      = aws_vpc.main.id
  target_type = "ip"
}

# Trap: an HTTPS listener in front (the edge is encrypted), plain HTTP behind it.
resource "aws_lb_listener" "web_https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.web.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_alb_target_group" "api" {
  name     = "api"
  port     = 80
  # ruleid: ZT-NW-048
  protocol = "http"
  vpc_id   = aws_vpc.main.id
  health_check {
    path     = "/healthz"
    protocol = "HTTP"
  }
}
