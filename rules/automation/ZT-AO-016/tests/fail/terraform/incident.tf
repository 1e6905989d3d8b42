# Trap: the response plan pages the on-call contact and opens a chat channel; nothing runs.
resource "aws_ssmincidents_response_plan" "compromised_instance" {
  name = "compromised-instance"

  incident_template {
    title  = "Compromised EC2 instance"
    impact = 1
  }

  engagements = [aws_ssmcontacts_contact.security_oncall.arn]
  chat_channel = [aws_sns_topic.incident_chat.arn]
}
