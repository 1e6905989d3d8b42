# Deprecated auto_enable only enrols accounts that join later; existing accounts stay uncovered.
resource "aws_guardduty_organization_configuration" "this" {
  detector_id = aws_guardduty_detector.this.id
  auto_enable = true
}

resource "aws_guardduty_organization_configuration" "eu" {
  provider                         = aws.eu
  detector_id                      = aws_guardduty_detector.eu.id
  auto_enable_organization_members = "NEW"
}
