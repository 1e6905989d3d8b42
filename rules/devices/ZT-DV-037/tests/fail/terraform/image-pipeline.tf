# Trap: the pipeline exists but is DISABLED.
resource "aws_imagebuilder_image_pipeline" "al2023_hardened" {
  name                             = "al2023-hardened"
  status                           = "DISABLED"
  image_recipe_arn                 = aws_imagebuilder_image_recipe.al2023_hardened.arn
  infrastructure_configuration_arn = aws_imagebuilder_infrastructure_configuration.build.arn
}
