# Trap 1: a Network Load Balancer with a single subnet mapping (allowed for NLBs, single-zone).
resource "aws_lb" "ingest" {
  name               = "ingest"
  load_balancer_type = "network"
  internal           = true

  subnet_mapping {
    subnet_id = aws_subnet.private_a.id
  }
}

# Trap 2: an Auto Scaling group in one subnet; min_size 2 does not help when the zone is lost.
resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.private_a.id]

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
}
