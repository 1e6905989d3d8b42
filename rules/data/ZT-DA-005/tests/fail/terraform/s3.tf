# Legacy inline ACL on the bucket resource.
resource "aws_s3_bucket" "website" {
  bucket = "example-website-assets"
  # ruleid: ZT-DA-005
  acl    = "public-read"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  # ruleid: ZT-DA-005
  acl    = "public-read-write"
}

# Trap: "authenticated" means any AWS account, not your users.
resource "aws_s3_bucket_acl" "exports" {
  bucket = aws_s3_bucket.exports.id
  # ruleid: ZT-DA-005
  acl    = "authenticated-read"
}

# Trap: no canned ACL, but an explicit grant to the AllUsers group.
resource "aws_s3_bucket_acl" "media" {
  bucket = aws_s3_bucket.media.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        # ruleid: ZT-DA-005
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

# A public object in an otherwise private bucket.
resource "aws_s3_object" "price_list" {
  bucket = aws_s3_bucket.reports.id
  key    = "exports/price-list.csv"
  source = "price-list.csv"
  # ruleid: ZT-DA-005
  acl    = "public-read"
}
