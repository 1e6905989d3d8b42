resource "aws_route53_resolver_query_log_config" "central" {
  name            = "vpc-dns-queries"
  destination_arn = aws_s3_bucket.dns_logs.arn
}

resource "aws_route53_resolver_query_log_config_association" "prod" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.central.id
  resource_id                  = aws_vpc.prod.id
}
