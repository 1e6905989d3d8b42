# Trap: encrypted omitted in a launch template's ebs block (nested two levels).
resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = data.aws_ami.al2023.id
  block_device_mappings {
    device_name = "/dev/xvda"
    # ruleid: ZT-DA-048
    ebs {
      volume_size = 30
      volume_type = "gp3"
    }
  }
}

# Trap: the root device is encrypted, the extra data device is not.
resource "aws_instance" "bastion" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
  root_block_device {
    encrypted   = true
    volume_size = 20
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    # ruleid: ZT-DA-048
    encrypted   = false
  }
}
