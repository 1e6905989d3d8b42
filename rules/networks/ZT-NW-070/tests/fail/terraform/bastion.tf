# A classic bastion: reachable from the internet on port 22; the Boundary target that was meant to
# replace it is switched off with count = 0.
resource "aws_instance" "bastion" {
  ami                         = data.aws_ami.al2023.id
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public_a.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.bastion.id]
}

resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "boundary_target" "bastion_replacement" {
  count        = 0
  name         = "prod-ssh"
  type         = "ssh"
  scope_id     = boundary_scope.prod.id
  default_port = 22
}
