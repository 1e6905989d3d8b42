resource "aws_config_organization_conformance_pack" "nist" {
  name            = "operational-best-practices-nist-800-53"
  template_s3_uri = "s3://example-conformance-packs/Operational-Best-Practices-for-NIST-800-53-rev-5.yaml"
}

resource "aws_config_organization_managed_rule" "root_mfa" {
  name            = "root-account-mfa-enabled"
  rule_identifier = "ROOT_ACCOUNT_MFA_ENABLED"
}
