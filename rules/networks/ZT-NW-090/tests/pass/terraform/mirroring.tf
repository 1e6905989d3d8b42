resource "aws_ec2_traffic_mirror_filter" "all_tcp" {
  description = "mirror all TCP"
}

resource "aws_ec2_traffic_mirror_filter_rule" "ingress_tcp" {
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.all_tcp.id
  destination_cidr_block   = "0.0.0.0/0"
  source_cidr_block        = "0.0.0.0/0"
  rule_number              = 100
  rule_action              = "accept"
  traffic_direction        = "ingress"
  protocol                 = 6
}

resource "aws_ec2_traffic_mirror_target" "ndr" {
  gateway_load_balancer_endpoint_id = aws_vpc_endpoint.ndr.id
  description                       = "NDR sensors"
}

resource "aws_ec2_traffic_mirror_session" "payments_db" {
  description              = "payments database"
  network_interface_id     = aws_instance.payments_db.primary_network_interface_id
  session_number           = 1
  traffic_mirror_filter_id = aws_ec2_traffic_mirror_filter.all_tcp.id
  traffic_mirror_target_id = aws_ec2_traffic_mirror_target.ndr.id
}
