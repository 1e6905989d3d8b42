resource "aws_autoscaling_group" "workers" {
  name                = "workers"
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = module.vpc.private_subnets

  launch_template {
    id      = aws_launch_template.workers.id
    version = "$Latest"
  }
}
