resource "aws_guardduty_detector" "this" {
  enable = true

  # Trap 1: the legacy datasources block with S3 logs switched off.
  datasources {
    s3_logs {
      enable = false
    }
  }
}

# Trap 2: the feature resource is there, set to DISABLED.
resource "aws_guardduty_detector_feature" "s3" {
  detector_id = aws_guardduty_detector.this.id
  name        = "S3_DATA_EVENTS"
  status      = "DISABLED"
}

# An enabled feature that is not about data access.
resource "aws_guardduty_detector_feature" "eks" {
  detector_id = aws_guardduty_detector.this.id
  name        = "EKS_AUDIT_LOGS"
  status      = "ENABLED"
}
