# Trap 1: unused access, but one account only.
resource "aws_accessanalyzer_analyzer" "unused_account" {
  analyzer_name = "unused-access"
  type          = "ACCOUNT_UNUSED_ACCESS"
}

# Trap 2: organisation-wide, but a year-long tracking period.
resource "aws_accessanalyzer_analyzer" "unused_org" {
  analyzer_name = "organization-unused-access"
  type          = "ORGANIZATION_UNUSED_ACCESS"

  configuration {
    unused_access {
      unused_access_age = 365
    }
  }
}
