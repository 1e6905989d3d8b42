resource "aws_vpc" "prod" {
  cidr_block = "10.20.0.0/16"
}

# Trap: the query log configuration exists but is associated with no VPC.
resource "aws_route53_resolver_query_log_config" "central" {
  name            = "vpc-dns-queries"
  destination_arn = aws_cloudwatch_log_group.dns.arn
}
