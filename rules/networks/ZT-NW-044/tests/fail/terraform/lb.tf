# Trap: ssl_policy omitted (the provider default may still allow TLS 1.0).
resource "aws_lb_listener" "web_https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.web.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

# Trap: a TLS13 policy name that still allows TLS 1.0.
resource "aws_lb_listener" "api" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-0-2021-06"
  certificate_arn   = aws_acm_certificate.api.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_lb_listener" "db" {
  load_balancer_arn = aws_lb.internal.arn
  port              = 5432
  protocol          = "TLS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = aws_acm_certificate.db.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.db.arn
  }
}
