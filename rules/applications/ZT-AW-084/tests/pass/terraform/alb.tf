resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.internal_tools.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.tools.arn

  default_action {
    type  = "authenticate-oidc"
    order = 1

    authenticate_oidc {
      issuer                 = "https://example.okta.com/oauth2/default"
      authorization_endpoint = "https://example.okta.com/oauth2/default/v1/authorize"
      token_endpoint         = "https://example.okta.com/oauth2/default/v1/token"
      user_info_endpoint     = "https://example.okta.com/oauth2/default/v1/userinfo"
      client_id              = var.oidc_client_id
      client_secret          = var.oidc_client_secret
      session_timeout        = 3600
    }
  }

  default_action {
    type             = "forward"
    order            = 2
    target_group_arn = aws_lb_target_group.grafana.arn
  }
}
