resource "aws_security_group_rule" "ssh_in" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  # ruleid: ZT-NW-004
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.bastion.id
}

# Trap: the whole TCP range includes every admin port.
resource "aws_security_group_rule" "tcp_all" {
  type              = "ingress"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  # ruleid: ZT-NW-004
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.db.id
}

# Trap: protocol -1 is all traffic even though the ports read 0-0.
resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  # ruleid: ZT-NW-004
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.cache.id
}

resource "aws_security_group_rule" "https_in" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  # ok: ZT-NW-004
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.alb.id
}
