resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = data.aws_ami.al2023.id
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
      kms_key_id  = aws_kms_key.ebs.arn
    }
  }
}

resource "aws_instance" "bastion" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
  root_block_device {
    encrypted   = true
    volume_size = 20
  }
}
