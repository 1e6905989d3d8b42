resource "aws_organizations_policy" "data_classification" {
  name = "data-classification"
  type = "TAG_POLICY"

  content = jsonencode({
    tags = {
      data-classification = {
        tag_key = { "@@assign" = "data-classification" }
        tag_value = {
          "@@assign" = ["public", "internal", "confidential", "restricted"]
        }
        enforced_for = {
          "@@assign" = ["s3:bucket", "rds:db", "rds:cluster", "dynamodb:table"]
        }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "data_classification_root" {
  policy_id = aws_organizations_policy.data_classification.id
  target_id = aws_organizations_organization.this.roots[0].id
}
