resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.win.id
  # ruleid: ZT-NW-005
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 3389
  ip_protocol       = "tcp"
  to_port           = 3389
}

# Trap: ip_protocol -1 carries no ports at all, yet opens everything.
resource "aws_vpc_security_group_ingress_rule" "all_v6" {
  security_group_id = aws_security_group.db.id
  # ruleid: ZT-NW-005
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Trap: a range around the Elasticsearch/OpenSearch port.
resource "aws_vpc_security_group_ingress_rule" "search" {
  security_group_id = aws_security_group.search.id
  # ruleid: ZT-NW-005
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 9000
  ip_protocol       = "tcp"
  to_port           = 9300
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.alb.id
  # ok: ZT-NW-005
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  ip_protocol       = "tcp"
  to_port           = 443
}
