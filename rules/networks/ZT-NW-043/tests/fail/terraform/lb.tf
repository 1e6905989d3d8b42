resource "aws_lb_listener" "web_http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  # ruleid: ZT-NW-043
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

# Trap: protocol omitted (defaults to HTTP on an ALB).
# ruleid: ZT-NW-043
resource "aws_alb_listener" "admin" {
  load_balancer_arn = aws_lb.admin.arn
  port              = 8080
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.admin.arn
  }
}

# Trap: a redirect, but to another path over HTTP (protocol defaults to #{protocol}).
resource "aws_lb_listener" "legacy" {
  load_balancer_arn = aws_lb.web.arn
  port              = 81
  # ruleid: ZT-NW-043
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "80"
      status_code = "HTTP_301"
    }
  }
}
