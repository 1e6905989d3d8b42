# Trap: the tag policy defines the values, attached at the root, but has no enforced_for:
# non-compliant tags are only reported.
resource "aws_organizations_policy" "data_classification" {
  name = "data-classification"
  type = "TAG_POLICY"

  content = jsonencode({
    tags = {
      data-classification = {
        tag_key   = { "@@assign" = "data-classification" }
        tag_value = { "@@assign" = ["public", "internal", "confidential", "restricted"] }
      }
      costcenter = {
        tag_key      = { "@@assign" = "CostCenter" }
        enforced_for = { "@@assign" = ["ec2:instance"] }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "data_classification_root" {
  policy_id = aws_organizations_policy.data_classification.id
  target_id = aws_organizations_organization.this.roots[0].id
}
