resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    # ruleid: ZT-NW-003
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ok: ZT-NW-003
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = var.vpc_id

  # Trap: a range that includes 5432 and 6379 without naming them.
  ingress {
    from_port   = 5000
    to_port     = 7000
    protocol    = "tcp"
    # ruleid: ZT-NW-003
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }

  # Trap: all traffic (protocol -1, ports 0-0) over IPv6 only.
  ingress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    # ruleid: ZT-NW-003
    ipv6_cidr_blocks = ["::/0"]
  }

  # Trap: protocol number 6 (TCP) and the full port range.
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "6"
    # ruleid: ZT-NW-003
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    # ruleid: ZT-NW-003
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Trap: attributes-as-blocks syntax (`ingress = [{...}]`) is the same rule.
resource "aws_security_group" "legacy_mysql" {
  name = "legacy-mysql"
  ingress = [
    {
      from_port        = 3306
      to_port          = 3306
      protocol         = "tcp"
      # ruleid: ZT-NW-003
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = []
      prefix_list_ids  = []
      security_groups  = []
      self             = false
      description      = "mysql"
    }
  ]
}
