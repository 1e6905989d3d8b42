resource "aws_accessanalyzer_analyzer" "unused" {
  analyzer_name = "organization-unused-access"
  type          = "ORGANIZATION_UNUSED_ACCESS"

  configuration {
    unused_access {
      unused_access_age = 60
    }
  }
}
