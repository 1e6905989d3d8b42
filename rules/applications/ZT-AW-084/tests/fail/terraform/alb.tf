# Trap 1: the listener rule authenticates, but lets unauthenticated users through.
resource "aws_lb_listener_rule" "wiki" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  action {
    type = "authenticate-cognito"

    authenticate_cognito {
      user_pool_arn              = aws_cognito_user_pool.staff.arn
      user_pool_client_id        = aws_cognito_user_pool_client.wiki.id
      user_pool_domain           = aws_cognito_user_pool_domain.staff.domain
      on_unauthenticated_request = "allow"
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.wiki.arn
  }

  condition {
    host_header {
      values = ["wiki.example.com"]
    }
  }
}

# Trap 2: the HTTPS listener forwards straight to the application.
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.internal_tools.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.tools.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.grafana.arn
  }
}
