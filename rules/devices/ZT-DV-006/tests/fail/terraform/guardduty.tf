# The detector exists but is suspended.
resource "aws_guardduty_detector" "this" {
  enable = false
}
