resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  lifecycle {
    # ruleid: ZT-NW-093
    ignore_changes = [ingress, egress]
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.a.id
  }

  lifecycle {
    # ruleid: ZT-NW-093
    ignore_changes = all
  }
}

resource "aws_network_acl" "data" {
  vpc_id = aws_vpc.main.id

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "10.0.0.0/8"
    from_port  = 5432
    to_port    = 5432
  }

  lifecycle {
    create_before_destroy = true
    # ruleid: ZT-NW-093
    ignore_changes = [ingress]
  }
}
