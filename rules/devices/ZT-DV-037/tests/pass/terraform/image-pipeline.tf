resource "aws_imagebuilder_image_pipeline" "al2023_hardened" {
  name                             = "al2023-hardened"
  image_recipe_arn                 = aws_imagebuilder_image_recipe.al2023_hardened.arn
  infrastructure_configuration_arn = aws_imagebuilder_infrastructure_configuration.build.arn
  distribution_configuration_arn   = aws_imagebuilder_distribution_configuration.org.arn

  schedule {
    schedule_expression                = "cron(0 4 ? * MON *)"
    pipeline_execution_start_condition = "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"
  }
}
