resource "aws_config_organization_managed_rule" "patch_compliance" {
  name            = "ec2-patch-compliance"
  rule_identifier = "EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK"
}

resource "aws_config_config_rule" "approved_amis" {
  name = "approved-amis-by-tag"

  source {
    owner             = "AWS"
    source_identifier = "APPROVED_AMIS_BY_TAG"
  }

  input_parameters = jsonencode({ amisByTagKeyAndValue = "image-pipeline:al2023-hardened" })
}
