resource "aws_accessanalyzer_analyzer" "organization" {
  analyzer_name = "organization"
  type          = "ORGANIZATION"
}
