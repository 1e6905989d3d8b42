resource "aws_ssmincidents_response_plan" "compromised_instance" {
  name = "compromised-instance"

  incident_template {
    title  = "Compromised EC2 instance"
    impact = 1
  }

  engagements = [aws_ssmcontacts_contact.security_oncall.arn]

  action {
    ssm_automation {
      document_name    = aws_ssm_document.isolate_instance.name
      role_arn         = aws_iam_role.incident_automation.arn
      document_version = "$LATEST"
      target_account   = "RESPONSE_PLAN_OWNER_ACCOUNT"
      dynamic_parameters = {
        resources = "INVOLVED_RESOURCES"
      }
    }
  }
}
