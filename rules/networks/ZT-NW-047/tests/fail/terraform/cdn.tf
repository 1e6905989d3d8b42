# Trap: a TLS 1.2 minimum on the default certificate (ignored: TLSv1 is still accepted).
resource "aws_cloudfront_distribution" "web" {
  comment = "shop web"
  enabled = true
  default_cache_behavior {
    target_origin_id       = "assets"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
  }
  viewer_certificate {
    cloudfront_default_certificate = true
    minimum_protocol_version       = "TLSv1.2_2021"
  }
}

# Trap: a custom certificate with minimum_protocol_version omitted (defaults to TLSv1).
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
    acm_certificate_arn = aws_acm_certificate.api.arn
    ssl_support_method  = "sni-only"
  }
}
