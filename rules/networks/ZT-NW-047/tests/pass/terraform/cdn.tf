resource "aws_cloudfront_distribution" "api" {
  comment = "shop api"
  enabled = true
  default_cache_behavior {
    target_origin_id       = "api"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "https-only"
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.api.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
