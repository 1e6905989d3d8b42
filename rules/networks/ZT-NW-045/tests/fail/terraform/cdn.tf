resource "aws_cloudfront_distribution" "web" {
  comment = "shop web"
  enabled = true
  origin {
    domain_name = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_id   = "assets"
  }
  default_cache_behavior {
    target_origin_id       = "assets"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    # ruleid: ZT-NW-045
    viewer_protocol_policy = "allow-all"
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# Trap: the default behaviour redirects, an ordered /api/* behaviour allows HTTP.
resource "aws_cloudfront_distribution" "api" {
  comment = "shop api"
  enabled = true
  origin {
    domain_name = "api-origin.example.com"
    origin_id   = "api"
  }
  default_cache_behavior {
    target_origin_id       = "api"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    viewer_protocol_policy = "redirect-to-https"
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    target_origin_id       = "api"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    # ruleid: ZT-NW-045
    viewer_protocol_policy = "allow-all"
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.api.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
