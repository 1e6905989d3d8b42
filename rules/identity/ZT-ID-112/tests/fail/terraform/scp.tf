# Trap 1: the statement only denies deleting users (protecting them, not preventing them).
resource "aws_organizations_policy" "protect_users" {
  name = "protect-users"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["iam:DeleteUser", "iam:DeleteAccessKey"]
      Resource = "*"
    }]
  })
}

# Trap 2: the Deny sits in a policy whose type is not an SCP (it binds nobody).
resource "aws_organizations_policy" "tags" {
  name = "tags"
  type = "TAG_POLICY"
  content = jsonencode({
    Statement = [{ Effect = "Deny", Action = "iam:CreateUser", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "protect_users" {
  policy_id = aws_organizations_policy.protect_users.id
  target_id = var.root_id
}
