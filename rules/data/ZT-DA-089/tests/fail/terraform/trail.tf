# Trap 1: S3 data events, writes only: reads (exfiltration) are not recorded.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

# Trap 2: data events, but for Lambda invocations only (not a data store).
resource "aws_cloudtrail" "lambda" {
  name           = "lambda-invocations"
  s3_bucket_name = aws_s3_bucket.trail.id

  advanced_event_selector {
    name = "Lambda data events"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::Lambda::Function"]
    }
  }
}

# Trap 3: S3 data events on a trail that is not logging.
resource "aws_cloudtrail" "old" {
  name           = "old"
  s3_bucket_name = aws_s3_bucket.trail.id
  enable_logging = false

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

# Trap 4: advanced selector limited to reads.
resource "aws_cloudtrail" "reads" {
  name           = "s3-reads"
  s3_bucket_name = aws_s3_bucket.trail.id

  advanced_event_selector {
    name = "S3 reads"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}
