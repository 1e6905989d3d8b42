//! Deterministic generators of realistic audit logs for the log benchmark: Kubernetes audit events
//! (JSON lines, as the API server's log backend writes them) and CloudTrail records (as delivered
//! `{"Records":[…]}` files and as JSON lines, the shape of a SIEM export). Events vary the way real
//! ones do: mostly controllers and service accounts, some people, a few denials, large
//! `requestObject`/`responseElements` bodies now and then, and rare events the rules flag.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// splitmix64: small, seeded, the same everywhere.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `per_10k` / 10,000.
    fn chance(&mut self, per_10k: usize) -> bool {
        self.below(10_000) < per_10k
    }

    fn uuid(&mut self, s: &mut String) {
        let (a, b) = (self.next(), self.next());
        let _ = write!(
            s,
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) & 0x3fff | 0x8000,
            b & 0xffff_ffff_ffff
        );
    }

    fn hex(&mut self, s: &mut String, n: usize) {
        for _ in 0..n {
            let _ = write!(s, "{:x}", self.below(16));
        }
    }
}

/// A clock that moves forward by a few milliseconds per event, from 2026-03-01T00:00:00Z.
pub struct Clock {
    micros: u64,
}

impl Clock {
    pub fn new() -> Self {
        Clock { micros: 0 }
    }

    fn tick(&mut self, r: &mut Rng) {
        self.micros += 1 + r.below(9_000) as u64;
    }

    /// RFC 3339 UTC with `digits` fractional digits (0 = whole seconds, as CloudTrail writes).
    fn write(&self, s: &mut String, plus_micros: u64, digits: u32) {
        let t = self.micros + plus_micros;
        let secs = t / 1_000_000;
        let (day, rem) = (1 + secs / 86_400, secs % 86_400);
        let _ = write!(s, "2026-03-{day:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
        if digits > 0 {
            let frac = (t % 1_000_000) / 10u64.pow(6 - digits);
            let _ = write!(s, ".{frac:0width$}", width = digits as usize);
        }
        s.push('Z');
    }
}

const NAMESPACES: &[&str] =
    &["payments", "checkout", "identity", "search", "catalog", "billing", "ledger", "platform", "data", "web"];
const PEOPLE: &[&str] = &["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const CONTROLLERS: &[&str] = &[
    "deployment-controller",
    "replicaset-controller",
    "endpointslice-controller",
    "horizontal-pod-autoscaler",
    "generic-garbage-collector",
    "namespace-controller",
];

fn ip(r: &mut Rng, s: &mut String, private: bool) {
    if private {
        let _ = write!(s, "10.{}.{}.{}", r.below(32), r.below(256), 1 + r.below(254));
    } else {
        let _ = write!(s, "{}.{}.{}.{}", 198 + r.below(6), r.below(256), r.below(256), 1 + r.below(254));
    }
}

/// One Kubernetes audit event (`audit.k8s.io/v1`), without the newline.
pub fn k8s_event(r: &mut Rng, clock: &mut Clock, s: &mut String) {
    clock.tick(r);
    let ns = r.pick(NAMESPACES);
    let roll = r.below(100);
    // Who: the kubelet, controllers, workload service accounts, or a person through OIDC.
    let (username, groups, agent, private) = match roll {
        0..=24 => (
            format!("system:node:ip-10-0-{}-{}.ec2.internal", r.below(8), r.below(250)),
            r#"["system:nodes","system:authenticated"]"#.to_string(),
            "kubelet/v1.29.4 (linux/amd64) kubernetes/55f2bc1",
            true,
        ),
        25..=54 => (
            format!("system:serviceaccount:kube-system:{}", r.pick(CONTROLLERS)),
            r#"["system:serviceaccounts","system:serviceaccounts:kube-system","system:authenticated"]"#.to_string(),
            "kube-controller-manager/v1.29.4 (linux/amd64) kubernetes/55f2bc1/system:serviceaccount:kube-system:generic-garbage-collector",
            true,
        ),
        55..=79 => (
            format!("system:serviceaccount:{ns}:{ns}-api"),
            format!(r#"["system:serviceaccounts","system:serviceaccounts:{ns}","system:authenticated"]"#),
            "Go-http-client/2.0",
            true,
        ),
        _ => {
            // Rare: a person holding the break-glass system:masters certificate.
            let masters = r.chance(5);
            let g = if masters { r#"["system:masters","system:authenticated"]"# } else { r#"["oidc:platform-team","system:authenticated"]"# };
            (format!("{}@example.com", r.pick(PEOPLE)), g.to_string(), "kubectl/v1.29.2 (darwin/arm64) kubernetes/4b8e819", false)
        }
    };
    let human = roll >= 80;
    let (verb, resource, group, sub) = if human {
        match r.below(1000) {
            0..=1 => ("create", "pods", "", "exec"),
            2..=6 => ("get", "secrets", "", ""),
            7..=9 => ("create", "serviceaccounts", "", "token"),
            10..=199 => ("get", "pods", "", "log"),
            200..=499 => ("list", "pods", "", ""),
            500..=699 => ("get", "deployments", "apps", ""),
            700..=849 => ("patch", "deployments", "apps", ""),
            850..=949 => ("list", "events", "", ""),
            _ => ("create", "rolebindings", "rbac.authorization.k8s.io", ""),
        }
    } else {
        match r.below(10) {
            0..=2 => ("update", "leases", "coordination.k8s.io", ""),
            3..=4 => ("get", "pods", "", ""),
            5 => ("watch", "configmaps", "", ""),
            6 => ("patch", "pods", "", "status"),
            7 => ("create", "events", "", ""),
            8 => ("list", "endpointslices", "discovery.k8s.io", ""),
            _ => ("get", "secrets", "", ""),
        }
    };
    let name = format!("{ns}-{}-{:x}", resource.trim_end_matches('s'), r.next() & 0xf_ffff);
    let code = if r.chance(200) {
        403
    } else if sub == "exec" {
        101
    } else if verb == "create" {
        201
    } else {
        200
    };
    let level = match (resource, verb) {
        ("secrets" | "configmaps", _) => "Metadata",
        ("deployments" | "rolebindings", "create" | "patch") => "RequestResponse",
        _ if verb == "get" || verb == "list" || verb == "watch" => "Metadata",
        _ => "Request",
    };
    let api = if group.is_empty() { "/api/v1".to_string() } else { format!("/apis/{group}/v1") };
    let mut uri = format!("{api}/namespaces/{ns}/{resource}");
    if verb != "list" && verb != "watch" {
        let _ = write!(uri, "/{name}");
    }
    if !sub.is_empty() {
        let _ = write!(uri, "/{sub}");
    }
    if sub == "exec" {
        uri.push_str("?command=%2Fbin%2Fsh&container=app&stdin=true&stdout=true&tty=true");
    }
    s.push_str(r#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":""#);
    s.push_str(level);
    s.push_str(r#"","auditID":""#);
    r.uuid(s);
    let _ = write!(
        s,
        r#"","stage":"ResponseComplete","requestURI":"{uri}","verb":"{verb}","user":{{"username":"{username}","uid":""#
    );
    r.uuid(s);
    let _ = write!(s, r#"","groups":{groups}}},"sourceIPs":[""#);
    ip(r, s, private);
    let _ = write!(s, r#""],"userAgent":"{agent}","objectRef":{{"resource":"{resource}","namespace":"{ns}","#);
    if verb != "list" && verb != "watch" {
        let _ = write!(s, r#""name":"{name}","#);
    }
    if !group.is_empty() {
        let _ = write!(s, r#""apiGroup":"{group}","#);
    }
    if !sub.is_empty() {
        let _ = write!(s, r#""subresource":"{sub}","#);
    }
    s.push_str(r#""apiVersion":"v1"},"responseStatus":{"metadata":{},"#);
    if code == 403 {
        let _ = write!(
            s,
            r#""status":"Failure","message":"{resource} \"{name}\" is forbidden: User \"{username}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{ns}\"","reason":"Forbidden","details":{{"name":"{name}","kind":"{resource}"}},"#
        );
    }
    let _ = write!(s, r#""code":{code}}},"#);
    if level != "Metadata" {
        request_object(r, s, resource, ns, &name);
    }
    s.push_str(r#""requestReceivedTimestamp":""#);
    clock.write(s, 0, 6);
    s.push_str(r#"","stageTimestamp":""#);
    clock.write(s, 300 + r.below(40_000) as u64, 6);
    let decision = if code == 403 { "forbid" } else { "allow" };
    let _ = write!(
        s,
        r#"","annotations":{{"authorization.k8s.io/decision":"{decision}","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \"{ns}-{verb}\" of ClusterRole \"{ns}-{resource}-{verb}\" to Group \"system:authenticated\""}}}}"#
    );
}

/// The body of a write at Request/RequestResponse level: a Deployment, a RoleBinding or a patch.
fn request_object(r: &mut Rng, s: &mut String, resource: &str, ns: &str, name: &str) {
    match resource {
        "deployments" => {
            let _ = write!(
                s,
                r#""requestObject":{{"kind":"Deployment","apiVersion":"apps/v1","metadata":{{"name":"{name}","namespace":"{ns}","labels":{{"app.kubernetes.io/name":"{name}","app.kubernetes.io/part-of":"{ns}"}},"annotations":{{"kubectl.kubernetes.io/restartedAt":"2026-03-01T09:00:00Z"}}}},"spec":{{"replicas":{},"selector":{{"matchLabels":{{"app":"{name}"}}}},"template":{{"metadata":{{"labels":{{"app":"{name}"}}}},"spec":{{"serviceAccountName":"{ns}-api","containers":[{{"name":"app","image":"ghcr.io/acme/{ns}:2.{}.{}","ports":[{{"containerPort":8080,"protocol":"TCP"}}],"env":[{{"name":"LOG_LEVEL","value":"info"}},{{"name":"DB_HOST","value":"{ns}-db.{ns}.svc"}}],"resources":{{"limits":{{"cpu":"500m","memory":"512Mi"}},"requests":{{"cpu":"100m","memory":"128Mi"}}}},"securityContext":{{"runAsNonRoot":true,"readOnlyRootFilesystem":true,"allowPrivilegeEscalation":false}}}}]}}}}}}}},"#,
                1 + r.below(6),
                r.below(30),
                r.below(10)
            );
        }
        "rolebindings" => {
            let who = r.pick(PEOPLE);
            let _ = write!(
                s,
                r#""requestObject":{{"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{{"name":"{name}","namespace":"{ns}"}},"subjects":[{{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"{who}@example.com"}}],"roleRef":{{"kind":"ClusterRole","apiGroup":"rbac.authorization.k8s.io","name":"edit"}}}},"#
            );
        }
        _ => {
            let _ = write!(
                s,
                r#""requestObject":{{"metadata":{{"resourceVersion":"{}"}},"status":{{"conditions":[{{"type":"Ready","status":"True","lastTransitionTime":"2026-03-01T00:00:00Z"}}]}}}},"#,
                r.below(90_000_000)
            );
        }
    }
}

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

/// Write JSON lines of `event` into `path` until it holds at least `bytes`; the event count.
pub fn write_lines(path: &Path, bytes: u64, seed: u64, event: fn(&mut Rng, &mut Clock, &mut String)) -> u64 {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create log"));
    let (mut r, mut clock, mut s) = (Rng(seed), Clock::new(), String::with_capacity(8192));
    let (mut written, mut n) = (0u64, 0u64);
    while written < bytes {
        s.clear();
        event(&mut r, &mut clock, &mut s);
        s.push('\n');
        out.write_all(s.as_bytes()).expect("write log");
        written += s.len() as u64;
        n += 1;
    }
    out.flush().expect("flush log");
    n
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
