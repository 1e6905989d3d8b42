//! CloudTrail records for the log benchmark, written as delivered `{"Records":[…]}` files and as
//! JSON lines (the shape of a SIEM export): mostly role sessions and service calls, some IAM users
//! with long-term keys, rare root calls, console sign-ins and denied calls.

use crate::log_gen::{ip, Clock, Rng, NAMESPACES, PEOPLE};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

const REGIONS: &[&str] = &["us-east-1", "us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];
const ROLES: &[&str] = &[
    "AWSReservedSSO_Developer_1a2b3c4d",
    "ci-deploy",
    "eks-node-group",
    "lambda-ingest",
    "AWSReservedSSO_Admin_9f8e7d6c",
];

/// One CloudTrail record (a management or data event), without a separator.
pub fn cloudtrail_record(r: &mut Rng, clock: &mut Clock, s: &mut String) {
    clock.tick(r);
    let account = "123456789012";
    let region = r.pick(REGIONS);
    let (source, name, read_only) = match r.below(100) {
        0..=19 => ("sts.amazonaws.com", "AssumeRole", true),
        20..=34 => ("kms.amazonaws.com", "Decrypt", true),
        35..=49 => ("s3.amazonaws.com", "GetObject", true),
        50..=57 => ("s3.amazonaws.com", "PutObject", false),
        58..=69 => ("ec2.amazonaws.com", "DescribeInstances", true),
        70..=79 => ("ssm.amazonaws.com", "GetParameter", true),
        80..=86 => ("logs.amazonaws.com", "CreateLogStream", false),
        87..=92 => ("iam.amazonaws.com", "GetRole", true),
        93..=96 => ("lambda.amazonaws.com", "Invoke", false),
        97 => ("signin.amazonaws.com", "ConsoleLogin", false),
        98 => ("iam.amazonaws.com", "CreateAccessKey", false),
        _ => ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false),
    };
    s.push_str(r#"{"eventVersion":"1.09","userIdentity":{"type":""#);
    let who = r.below(1000);
    let user = r.pick(PEOPLE);
    if who < 2 {
        let _ = write!(
            s,
            r#"Root","principalId":"{account}","arn":"arn:aws:iam::{account}:root","accountId":"{account}","accessKeyId":"ASIA"#
        );
        r.hex(s, 16);
        s.push('"');
    } else if who < 80 {
        let prefix = if who < 20 { "AKIA" } else { "ASIA" };
        let _ = write!(
            s,
            r#"IAMUser","principalId":"AIDA{}","arn":"arn:aws:iam::{account}:user/{user}","accountId":"{account}","accessKeyId":"{prefix}"#,
            r.below(1 << 30)
        );
        r.hex(s, 16);
        let _ = write!(s, r#"","userName":"{user}""#);
    } else if who < 200 {
        let svc = if source == "lambda.amazonaws.com" { "events.amazonaws.com" } else { "ec2.amazonaws.com" };
        let _ = write!(s, r#"AWSService","invokedBy":"{svc}""#);
    } else {
        let role = r.pick(ROLES);
        let _ = write!(
            s,
            r#"AssumedRole","principalId":"AROA{}:{user}@example.com","arn":"arn:aws:sts::{account}:assumed-role/{role}/{user}@example.com","accountId":"{account}","accessKeyId":"ASIA"#,
            r.below(1 << 30)
        );
        r.hex(s, 16);
        let _ = write!(
            s,
            r#"","sessionContext":{{"sessionIssuer":{{"type":"Role","principalId":"AROA{}","arn":"arn:aws:iam::{account}:role/{role}","accountId":"{account}","userName":"{role}"}},"attributes":{{"creationDate":""#,
            r.below(1 << 30)
        );
        clock.write(s, 0, 0);
        s.push_str(r#"","mfaAuthenticated":"false"}}"#);
    }
    s.push_str(r#"},"eventTime":""#);
    clock.write(s, 0, 0);
    let _ = write!(s, r#"","eventSource":"{source}","eventName":"{name}","awsRegion":"{region}","sourceIPAddress":""#);
    ip(r, s, false);
    s.push_str(r#"","userAgent":""#);
    s.push_str(r.pick(&["aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp", "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.4", "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69", "console.amazonaws.com"]));
    s.push('"');
    let denied = r.chance(300);
    if denied {
        let _ = write!(
            s,
            r#","errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts::{account}:assumed-role/ci-deploy/{user} is not authorized to perform: {}:{name} because no identity-based policy allows the action""#,
            source.trim_end_matches(".amazonaws.com")
        );
    }
    s.push_str(r#","requestParameters":"#);
    let bucket = format!("acme-{}-{}", r.pick(NAMESPACES), region);
    match name {
        "AssumeRole" => {
            let _ = write!(s, r#"{{"roleArn":"arn:aws:iam::{account}:role/{}","roleSessionName":"{user}-{}","durationSeconds":3600}}"#, r.pick(ROLES), r.below(100_000));
        }
        "Decrypt" => {
            let _ = write!(s, r#"{{"encryptionAlgorithm":"SYMMETRIC_DEFAULT","encryptionContext":{{"aws:s3:arn":"arn:aws:s3:::{bucket}/data/part-{}.parquet"}}}}"#, r.below(10_000));
        }
        "GetObject" | "PutObject" => {
            let _ = write!(s, r#"{{"bucketName":"{bucket}","Host":"{bucket}.s3.{region}.amazonaws.com","key":"data/2026/03/part-{}.parquet"}}"#, r.below(100_000));
        }
        "DescribeInstances" => s.push_str(r#"{"instancesSet":{},"filterSet":{"items":[{"name":"tag:team","valueSet":{"items":[{"value":"platform"}]}}]}}"#),
        "GetParameter" => {
            let _ = write!(s, r#"{{"name":"/{}/prod/db-password","withDecryption":true}}"#, r.pick(NAMESPACES));
        }
        "CreateAccessKey" => {
            let _ = write!(s, r#"{{"userName":"{user}"}}"#);
        }
        "ConsoleLogin" => s.push_str("null"),
        _ => {
            let _ = write!(s, r#"{{"logGroupName":"/aws/lambda/{}-ingest","logStreamName":"2026/03/01/[$LATEST]{:x}"}}"#, r.pick(NAMESPACES), r.next());
        }
    }
    s.push_str(r#","responseElements":"#);
    match name {
        _ if denied => s.push_str("null"),
        "AssumeRole" => {
            let _ = write!(
                s,
                r#"{{"credentials":{{"accessKeyId":"ASIA{:X}","sessionToken":"IQoJb3JpZ2luX2VjEBwaCXVzLWVhc3QtMSJHMEUCIQD{:x}{:x}","expiration":"Mar 1, 2026, 11:00:00 AM"}},"assumedRoleUser":{{"assumedRoleId":"AROA{}:{user}","arn":"arn:aws:sts::{account}:assumed-role/ci-deploy/{user}"}}}}"#,
                r.next(),
                r.next(),
                r.next(),
                r.below(1 << 30)
            );
        }
        "ConsoleLogin" => {
            s.push_str(r#"{"ConsoleLogin":"Success"}"#);
        }
        "AuthorizeSecurityGroupIngress" => {
            let _ = write!(
                s,
                r#"{{"requestId":"{:x}","_return":true,"securityGroupRuleSet":{{"items":[{{"groupId":"sg-{:x}","isEgress":false,"ipProtocol":"tcp","fromPort":443,"toPort":443,"cidrIpv4":"0.0.0.0/0"}}]}}}}"#,
                r.next(),
                r.next() & 0xffff_ffff
            );
        }
        _ => s.push_str("null"),
    }
    if name == "ConsoleLogin" {
        let mfa = if r.chance(2000) { "No" } else { "Yes" };
        let _ = write!(
            s,
            r#","additionalEventData":{{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"{mfa}"}}"#
        );
    }
    s.push_str(r#","requestID":""#);
    r.uuid(s);
    s.push_str(r#"","eventID":""#);
    r.uuid(s);
    let _ = write!(s, r#"","readOnly":{read_only},"#);
    if name == "GetObject" || name == "PutObject" {
        let _ = write!(
            s,
            r#""resources":[{{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::{bucket}/data/"}},{{"accountId":"{account}","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::{bucket}"}}],"#
        );
    }
    let category = if source == "s3.amazonaws.com" || name == "Invoke" { "Data" } else { "Management" };
    let _ = write!(
        s,
        r#""eventType":"AwsApiCall","managementEvent":{},"recipientAccountId":"{account}","eventCategory":"{category}","tlsDetails":{{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"{}.{region}.amazonaws.com"}}}}"#,
        category == "Management",
        source.trim_end_matches(".amazonaws.com")
    );
}

/// Write CloudTrail delivery files (`{"Records":[…]}` on one line, 5–45 MB each, as CloudTrail
/// writes them) under `dir` until they hold at least `bytes`; the record count.
pub fn write_cloudtrail_files(dir: &Path, bytes: u64, seed: u64) -> u64 {
    let (mut r, mut clock, mut s) = (Rng(seed), Clock::new(), String::with_capacity(8192));
    let (mut written, mut n, mut file_no) = (0u64, 0u64, 0u32);
    while written < bytes {
        let target = ((5 + r.below(41)) as u64) << 20;
        file_no += 1;
        let path = dir.join(format!(
            "AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/01/123456789012_CloudTrail_us-east-1_20260301T{:04}Z_{:016x}.json",
            file_no,
            r.next()
        ));
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).expect("create log"));
        out.write_all(br#"{"Records":["#).expect("write");
        let mut size = 0u64;
        let mut first = true;
        while size < target && written + size < bytes {
            s.clear();
            if !first {
                s.push(',');
            }
            first = false;
            cloudtrail_record(&mut r, &mut clock, &mut s);
            out.write_all(s.as_bytes()).expect("write");
            size += s.len() as u64;
            n += 1;
        }
        out.write_all(b"]}").expect("write");
        out.flush().expect("flush");
        written += size + 14;
    }
    n
}
