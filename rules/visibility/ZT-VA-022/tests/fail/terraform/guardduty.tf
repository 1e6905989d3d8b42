# The detector exists but is suspended.
resource "aws_guardduty_detector" "main" {
  enable = false
}
