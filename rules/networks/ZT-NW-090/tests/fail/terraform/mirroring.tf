# Trap: the sensor target and the filter are defined, but no session attaches them to an
# interface, so no packet is ever mirrored.
resource "aws_ec2_traffic_mirror_filter" "all_tcp" {
  description = "mirror all TCP"
}

resource "aws_ec2_traffic_mirror_target" "ndr" {
  network_load_balancer_arn = aws_lb.ndr.arn
  description               = "NDR sensors"
}
