//! Estate benchmark: how fast a full scan runs, and whether memory grows with the file count.
//!
//! ```text
//! cargo bench --bench estate                 # 2 worker threads (default)
//! cargo bench --bench estate -- --jobs 4 --runs 5
//! ```
//!
//! Generates (once, deterministically, seed below) a 10,000-file estate under
//! `<target dir>/bench-estate/`: Kubernetes manifests (Deployments, Services, RBAC bindings,
//! NetworkPolicies, multi-document), Terraform (IAM with `jsonencode` policies, security groups,
//! S3), IAM policy JSON, sshd_config, sudoers, pg_hba.conf, postgresql.conf, Fluent Bit, rsyslog
//! and Vault policies, 1–20 KB each. The estate is four parts of 2,500 files with the same mix;
//! the first part, the first two and the whole are scanned in turn, each in a fresh child process
//! (this binary again), so each peak RSS (`VmHWM`) is that scan's own. A scan is what `ztmm scan`
//! does: discover, classify, parse, evaluate, score, and serialise report.json (to memory).
//! The files were just written, so the page cache is warm: this measures ztmm, not the disk.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SEED: u64 = 0x5eed_2a7e_0001;
const FILES: usize = 10_000;
const PARTS: usize = 4;
/// Bump when the generator changes, so an old estate is regenerated.
const GENERATOR: &str = "estate-v1";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        // `cargo test --all-targets` runs this binary too (without `--bench`): stay out of its way.
        println!("estate benchmark: run it with `cargo bench --bench estate`");
        return;
    }
    let (mut jobs, mut runs) = (2usize, 3usize);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jobs" => jobs = it.next().and_then(|j| j.parse().ok()).expect("--jobs N"),
            "--runs" => runs = it.next().and_then(|j| j.parse().ok()).filter(|r| *r > 0).expect("--runs N"),
            _ => {}
        }
    }
    let root = target_dir().join("bench-estate");
    let t = Instant::now();
    let generated = generate(&root);
    if generated {
        println!("generated {FILES} files in {} in {:.1} s", root.display(), t.elapsed().as_secs_f64());
    } else {
        println!("estate: {} ({FILES} files, already generated)", root.display());
    }
    println!("scanning with --jobs {jobs}, each size {runs} times in a fresh process (best wall time shown)\n");
    println!(
        "{:>7} {:>7} {:>8} {:>7} {:>9} {:>7} {:>13} {:>9} {:>10} {:>7}",
        "files", "MB", "wall s", "CPU s", "files/s", "MB/s", "peak RSS MB", "findings", "report MB", "errors"
    );
    let part = |n: usize| root.join(format!("part-{n}"));
    let sizes: [(usize, Vec<PathBuf>); 3] =
        [(FILES / 4, vec![part(1)]), (FILES / 2, vec![part(1), part(2)]), (FILES, vec![root.clone()])];
    for (expected, roots) in sizes {
        // The fastest of `runs` scans: the machine may be shared, and noise only ever adds time.
        let line = (0..runs)
            .map(|_| {
                let exe = std::env::current_exe().expect("own path");
                let out =
                    Command::new(exe).arg("--child").arg(jobs.to_string()).args(&roots).output().expect("child runs");
                assert!(out.status.success(), "child failed: {}", String::from_utf8_lossy(&out.stderr));
                String::from_utf8_lossy(&out.stdout).into_owned()
            })
            .min_by_key(|line| figure(line, "wall_ms") as u64)
            .unwrap_or_default();
        let get = |k: &str| figure(&line, k);
        let (files, mb, wall) = (get("files"), get("bytes") / 1e6, get("wall_ms") / 1e3);
        #[allow(clippy::cast_precision_loss)]
        let want = expected as f64;
        assert!((files - want).abs() < 0.5, "expected {expected} files, scanned {files}");
        println!(
            "{:>7} {:>7.1} {:>8.2} {:>7.2} {:>9.0} {:>7.1} {:>13.1} {:>9} {:>10.1} {:>7}",
            files,
            mb,
            wall,
            get("cpu_ms") / 1e3,
            files / wall,
            mb / wall,
            get("hwm_kb") / 1024.0,
            get("findings"),
            get("report_bytes") / 1e6,
            get("errors"),
        );
    }
    println!("\npeak RSS = VmHWM of the scanning process (rules loaded, estate scanned, report.json serialised)");
    println!("MB = bytes of the scanned files, 10^6; CPU s = user + system time of the scan; report MB = report.json");
}

/// The figure `key` from a child's `key=value` line.
fn figure(line: &str, key: &str) -> f64 {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// `<target dir>`, from this binary's path (`<target>/release/deps/estate-…`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.ancestors().nth(3).map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

/// One scan, in its own process: print `key=value` figures on one line.
fn child(args: &[String]) {
    let jobs: usize = args[0].parse().expect("jobs");
    let roots: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
    let rules = ztmm::rules::load(&[]).expect("built-in rules load");
    let opts = ztmm::assess::ScanOptions {
        roots,
        config: ztmm::config::Config::default(),
        jobs: Some(jobs),
        redact: true,
        max_config_bytes: ztmm::scan::DEFAULT_MAX_CONFIG_BYTES,
        today: jiff::civil::date(2026, 1, 1),
    };
    let (t, cpu) = (Instant::now(), cpu_ms());
    let report = ztmm::assess::assess(&opts, &rules, &ztmm::assess::NoProgress).expect("scan runs");
    let json = serde_json::to_vec(&report).expect("report serialises");
    let (wall, cpu) = (t.elapsed(), cpu_ms() - cpu);
    let bytes: u64 = report.inventory.iter().map(|e| e.bytes).sum();
    let errors = report.inventory.iter().filter(|e| e.status == ztmm::scan::FileStatus::Error).count();
    for e in report.inventory.iter().filter(|e| e.status != ztmm::scan::FileStatus::Parsed).take(5) {
        eprintln!("not parsed: {} {:?}: {:?}", e.path, e.status, e.reason);
    }
    println!(
        "files={} bytes={bytes} wall_ms={} cpu_ms={cpu} hwm_kb={} findings={} errors={errors} documents={} report_bytes={}",
        report.inventory.len(),
        wall.as_millis(),
        vm_hwm_kb(),
        report.findings.len(),
        report.summary.documents,
        json.len(),
    );
}

/// User + system CPU time of this process so far, from `/proc/self/stat` (in 1/100 s ticks).
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, f)| f.split_whitespace().collect()).unwrap_or_default();
    // After `pid (comm)`: state is field 3, utime 14 and stime 15 (1-based) → indexes 11 and 12.
    let tick = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (tick(11) + tick(12)) * 10
}

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// The estate generator

/// splitmix64: small, seeded, the same everywhere.
struct Rng(u64);

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

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A file size between 1 and 20 KB, most of them small (mean about 6 KB).
    fn size(&mut self) -> usize {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let extra = (19.0 * 1024.0 * ((self.next() >> 11) as f64 / (1u64 << 53) as f64).powf(2.5)) as usize;
        1024 + extra
    }
}

#[derive(Clone, Copy)]
enum Input {
    K8s,
    Terraform,
    Iam,
    Sshd,
    Sudoers,
    PgHba,
    PgConf,
    FluentBit,
    Rsyslog,
    Vault,
}

/// Share of each input in every 100 files.
const MIX: &[(Input, usize)] = &[
    (Input::K8s, 40),
    (Input::Terraform, 15),
    (Input::Iam, 10),
    (Input::Sshd, 8),
    (Input::Sudoers, 6),
    (Input::PgHba, 4),
    (Input::PgConf, 4),
    (Input::FluentBit, 4),
    (Input::Rsyslog, 4),
    (Input::Vault, 5),
];

fn input_for(i: usize) -> Input {
    let mut slot = i % 100;
    for (input, share) in MIX {
        if slot < *share {
            return *input;
        }
        slot -= share;
    }
    Input::K8s
}

/// Write the estate unless its marker (beside it, not scanned) says it is there; true when written.
fn generate(root: &Path) -> bool {
    let marker = root.with_extension("generated");
    let stamp = format!("{GENERATOR} seed={SEED:x} files={FILES}\n");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == stamp) {
        return false;
    }
    if root.exists() {
        std::fs::remove_dir_all(root).expect("clear old estate");
    }
    let mut rng = Rng(SEED);
    for i in 0..FILES {
        let part = i / (FILES / PARTS) + 1;
        let size = rng.size();
        let (rel, text) = match input_for(i) {
            Input::K8s => (format!("k8s/{}/app-{i:05}.yaml", rng.pick(NAMESPACES)), k8s(&mut rng, i, size)),
            Input::Terraform => (format!("terraform/stack-{i:05}/main.tf"), terraform(&mut rng, i, size)),
            Input::Iam => (format!("iam/policy-{i:05}.json"), iam(&mut rng, i, size)),
            Input::Sshd => (format!("hosts/host-{i:05}/etc/ssh/sshd_config"), sshd(&mut rng, size)),
            Input::Sudoers => (format!("hosts/host-{i:05}/etc/sudoers"), sudoers(&mut rng, size)),
            Input::PgHba => (format!("db/db-{i:05}/pg_hba.conf"), pg_hba(&mut rng, size)),
            Input::PgConf => (format!("db/db-{i:05}/postgresql.conf"), pg_conf(&mut rng, size)),
            Input::FluentBit => (format!("logging/fluent-bit-{i:05}.conf"), fluent_bit(&mut rng, size)),
            Input::Rsyslog => (format!("hosts/host-{i:05}/etc/rsyslog.conf"), rsyslog(&mut rng, size)),
            Input::Vault => (format!("vault/policies/team-{i:05}.hcl"), vault(&mut rng, size)),
        };
        let path = root.join(format!("part-{part}")).join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    std::fs::write(marker, stamp).expect("write marker");
    true
}

const NAMESPACES: &[&str] = &[
    "payments",
    "checkout",
    "identity",
    "search",
    "catalog",
    "billing",
    "ledger",
    "notifications",
    "platform",
    "ingress",
    "monitoring",
    "logging",
    "data",
    "ml",
    "web",
    "mobile-api",
    "partners",
    "reporting",
    "support",
    "ops",
];
const TEAMS: &[&str] = &["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];
const IMAGES: &[&str] =
    &["nginx:1.27", "ghcr.io/acme/api:2.14.1", "redis:7.2", "postgres:16", "ghcr.io/acme/worker:1.9.0"];

fn k8s(r: &mut Rng, i: usize, size: usize) -> String {
    let ns = r.pick(NAMESPACES);
    let app = format!("svc-{i:05}");
    let mut s = String::with_capacity(size + 2048);
    let _ = writeln!(s, "# {app}: generated by the ztmm estate benchmark");
    let mut n = 0;
    while s.len() < size || n == 0 {
        let name = if n == 0 { app.clone() } else { format!("{app}-{n}") };
        deployment(r, &mut s, ns, &name);
        service(r, &mut s, ns, &name);
        match r.below(4) {
            0 => rbac(r, &mut s, ns, &name),
            1 => network_policy(&mut s, ns, &name),
            2 => config_map(r, &mut s, ns, &name),
            _ => {}
        }
        n += 1;
    }
    s
}

fn deployment(r: &mut Rng, s: &mut String, ns: &str, name: &str) {
    let replicas = 1 + r.below(5);
    let image = r.pick(IMAGES);
    let privileged = r.chance(5);
    let run_as_non_root = !r.chance(15);
    let _ = write!(
        s,
        "---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: {ns}
    app.kubernetes.io/managed-by: helm
  annotations:
    deployment.kubernetes.io/revision: \"{rev}\"
spec:
  replicas: {replicas}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  strategy:
    type: RollingUpdate
    rollingUpdate: {{maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
      annotations:
        prometheus.io/scrape: \"true\"
        prometheus.io/port: \"9090\"
    spec:
      serviceAccountName: {name}
      automountServiceAccountToken: {automount}
      securityContext:
        runAsNonRoot: {run_as_non_root}
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile: {{type: RuntimeDefault}}
      containers:
        - name: app
          image: {image}
          imagePullPolicy: IfNotPresent
          args: [\"--port=8080\", \"--metrics-port=9090\", \"--log-format=json\"]
          ports:
            - {{name: http, containerPort: 8080, protocol: TCP}}
            - {{name: metrics, containerPort: 9090, protocol: TCP}}
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {{name: {name}-db, key: url}}
            - {{name: LOG_LEVEL, value: info}}
            - {{name: OTEL_EXPORTER_OTLP_ENDPOINT, value: \"http://otel-collector.monitoring:4317\"}}
          resources:
            requests: {{cpu: {cpu}m, memory: {mem}Mi}}
            limits: {{cpu: \"1\", memory: {mem2}Mi}}
          securityContext:
            privileged: {privileged}
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [\"ALL\"]
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 10
          livenessProbe:
            httpGet: {{path: /livez, port: http}}
            initialDelaySeconds: 15
",
        rev = 1 + r.below(40),
        automount = r.chance(30),
        cpu = 50 * (1 + r.below(8)),
        mem = 64 * (1 + r.below(8)),
        mem2 = 128 * (1 + r.below(8)),
    );
}

fn service(r: &mut Rng, s: &mut String, ns: &str, name: &str) {
    let kind = if r.chance(10) { "LoadBalancer" } else { "ClusterIP" };
    let _ = write!(
        s,
        "---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
  labels: {{app.kubernetes.io/name: {name}}}
spec:
  type: {kind}
  selector: {{app.kubernetes.io/name: {name}}}
  ports:
    - {{name: http, port: 80, targetPort: http}}
    - {{name: metrics, port: 9090, targetPort: metrics}}
"
    );
}

fn rbac(r: &mut Rng, s: &mut String, ns: &str, name: &str) {
    let user = r.pick(TEAMS);
    if r.chance(20) {
        let (kind, subject) = if r.chance(50) { ("User", user.to_string()) } else { ("Group", format!("{ns}-admins")) };
        let _ = write!(
            s,
            "---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {name}-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: {kind}
    name: {subject}
    apiGroup: rbac.authorization.k8s.io
"
        );
    }
    let _ = write!(
        s,
        "---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {name}-reader
  namespace: {ns}
rules:
  - apiGroups: [\"\"]
    resources: [\"configmaps\", \"pods\", \"services\"]
    verbs: [\"get\", \"list\", \"watch\"]
  - apiGroups: [\"apps\"]
    resources: [\"deployments\"]
    verbs: [\"get\", \"list\"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {name}-reader
  namespace: {ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {name}-reader
subjects:
  - kind: ServiceAccount
    name: {name}
    namespace: {ns}
  - kind: User
    name: {user}@example.com
    apiGroup: rbac.authorization.k8s.io
"
    );
}

fn network_policy(s: &mut String, ns: &str, name: &str) {
    let _ = write!(
        s,
        "---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}-ingress
  namespace: {ns}
spec:
  podSelector:
    matchLabels: {{app.kubernetes.io/name: {name}}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {{kubernetes.io/metadata.name: ingress}}
        - podSelector:
            matchLabels: {{app.kubernetes.io/part-of: {ns}}}
      ports:
        - {{protocol: TCP, port: 8080}}
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
            except: [10.96.0.0/12]
      ports:
        - {{protocol: TCP, port: 5432}}
        - {{protocol: UDP, port: 53}}
"
    );
}

fn config_map(r: &mut Rng, s: &mut String, ns: &str, name: &str) {
    let _ = write!(
        s,
        "---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {ns}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: \"checkout-v2,fast-search,{flag}\"
  app.yaml: |
    server:
      port: 8080
      read_timeout: 15s
      write_timeout: 30s
    tracing:
      sample_rate: 0.{sample}
    upstreams:
      - name: ledger
        url: http://ledger.{ns}.svc:80
        timeout: 2s
",
        flag = r.pick(&["beta-ui", "new-pricing", "dark-mode"]),
        sample = r.below(10),
    );
}

fn terraform(r: &mut Rng, i: usize, size: usize) -> String {
    let mut s = String::with_capacity(size + 2048);
    let _ = write!(
        s,
        "# Stack {i:05}
terraform {{
  required_version = \">= 1.6\"
  required_providers {{
    aws = {{
      source  = \"hashicorp/aws\"
      version = \"~> 5.40\"
    }}
  }}
}}

provider \"aws\" {{
  region = var.region
}}

variable \"region\" {{
  type    = string
  default = \"eu-west-1\"
}}

variable \"environment\" {{
  type    = string
  default = \"prod\"
}}

locals {{
  tags = {{
    Stack       = \"stack-{i:05}\"
    Environment = var.environment
    Owner       = \"{owner}\"
  }}
}}
",
        owner = r.pick(TEAMS)
    );
    let mut n = 0;
    while s.len() < size || n == 0 {
        let name = format!("svc{n}");
        let action = if r.chance(10) { "\"*\"" } else { "[\"s3:GetObject\", \"s3:PutObject\", \"s3:ListBucket\"]" };
        let cidr = if r.chance(15) { "0.0.0.0/0" } else { "10.20.0.0/16" };
        let _ = write!(
            s,
            "
resource \"aws_iam_role\" \"{name}\" {{
  name = \"stack-{i:05}-{name}\"
  assume_role_policy = jsonencode({{
    Version = \"2012-10-17\"
    Statement = [{{
      Effect    = \"Allow\"
      Principal = {{ Service = \"ec2.amazonaws.com\" }}
      Action    = \"sts:AssumeRole\"
    }}]
  }})
  max_session_duration = 3600
  tags                 = local.tags
}}

resource \"aws_iam_role_policy\" \"{name}\" {{
  name = \"stack-{i:05}-{name}-data\"
  role = aws_iam_role.{name}.id
  policy = jsonencode({{
    Version = \"2012-10-17\"
    Statement = [
      {{
        Sid      = \"Data\"
        Effect   = \"Allow\"
        Action   = {action}
        Resource = [aws_s3_bucket.{name}.arn, \"${{aws_s3_bucket.{name}.arn}}/*\"]
      }},
      {{
        Sid      = \"Kms\"
        Effect   = \"Allow\"
        Action   = [\"kms:Decrypt\", \"kms:GenerateDataKey\"]
        Resource = \"*\"
        Condition = {{
          StringEquals = {{ \"kms:ViaService\" = \"s3.eu-west-1.amazonaws.com\" }}
        }}
      }}
    ]
  }})
}}

resource \"aws_security_group\" \"{name}\" {{
  name        = \"stack-{i:05}-{name}\"
  description = \"{name} service\"
  vpc_id      = \"vpc-0a1b2c3d\"

  ingress {{
    description = \"https\"
    from_port   = 443
    to_port     = 443
    protocol    = \"tcp\"
    cidr_blocks = [\"{cidr}\"]
  }}

  ingress {{
    description = \"ssh from bastion\"
    from_port   = 22
    to_port     = 22
    protocol    = \"tcp\"
    cidr_blocks = [\"10.0.5.0/24\"]
  }}

  egress {{
    from_port        = 0
    to_port          = 0
    protocol         = \"-1\"
    cidr_blocks      = [\"0.0.0.0/0\"]
    ipv6_cidr_blocks = [\"::/0\"]
  }}

  tags = local.tags
}}

resource \"aws_s3_bucket\" \"{name}\" {{
  bucket = \"acme-stack-{i:05}-{name}\"
  tags   = local.tags
}}

resource \"aws_s3_bucket_server_side_encryption_configuration\" \"{name}\" {{
  bucket = aws_s3_bucket.{name}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = \"aws:kms\"
      kms_master_key_id = \"alias/stack-{i:05}\"
    }}
  }}
}}

resource \"aws_s3_bucket_public_access_block\" \"{name}\" {{
  bucket                  = aws_s3_bucket.{name}.id
  block_public_acls       = {block}
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}
",
            block = !r.chance(10),
        );
        n += 1;
    }
    s
}

fn iam(r: &mut Rng, i: usize, size: usize) -> String {
    const ACTIONS: &[&str] = &[
        "s3:GetObject",
        "s3:PutObject",
        "s3:ListBucket",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "sqs:SendMessage",
        "sqs:ReceiveMessage",
        "kms:Decrypt",
        "logs:PutLogEvents",
        "ec2:DescribeInstances",
        "iam:PassRole",
        "secretsmanager:GetSecretValue",
        "sts:AssumeRole",
        "lambda:InvokeFunction",
    ];
    let mut statements = Vec::new();
    let mut len = 0;
    while len < size || statements.is_empty() {
        let n = statements.len();
        let admin = r.chance(3);
        let actions: Vec<&str> = if admin { vec!["*"] } else { (0..1 + r.below(6)).map(|_| r.pick(ACTIONS)).collect() };
        let mut st = serde_json::json!({
            "Sid": format!("Stmt{i}x{n}"),
            "Effect": if r.chance(90) { "Allow" } else { "Deny" },
            "Action": actions,
            "Resource": if admin { serde_json::json!("*") } else {
                serde_json::json!([
                    format!("arn:aws:s3:::acme-{i:05}-{n}"),
                    format!("arn:aws:s3:::acme-{i:05}-{n}/*"),
                    format!("arn:aws:dynamodb:eu-west-1:123456789012:table/t{i:05}{n}"),
                ])
            },
        });
        if r.chance(40) {
            st["Condition"] = serde_json::json!({
                "Bool": {"aws:MultiFactorAuthPresent": "true"},
                "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]},
            });
        }
        len += st.to_string().len() * 3 / 2;
        statements.push(st);
    }
    let doc = serde_json::json!({"Version": "2012-10-17", "Statement": statements});
    serde_json::to_string_pretty(&doc).expect("serialises") + "\n"
}

fn sshd(r: &mut Rng, size: usize) -> String {
    let password = r.pick(&["no", "no", "no", "yes"]);
    let root = r.pick(&["no", "prohibit-password", "no", "yes"]);
    let mut s = format!(
        "# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

Include /etc/ssh/sshd_config.d/*.conf

Port 22
AddressFamily any
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_rsa_key

# Logging
SyslogFacility AUTH
LogLevel VERBOSE

# Authentication:
LoginGraceTime 30
PermitRootLogin {root}
StrictModes yes
MaxAuthTries {tries}
MaxSessions 10
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
TrustedUserCAKeys /etc/ssh/user_ca.pub
PasswordAuthentication {password}
PermitEmptyPasswords no
KbdInteractiveAuthentication no
UsePAM yes
AllowAgentForwarding no
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
ClientAliveInterval 300
ClientAliveCountMax 2
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org
Subsystem sftp /usr/lib/openssh/sftp-server
",
        tries = 3 + r.below(4)
    );
    let mut n = 0;
    while s.len() < size {
        let _ = write!(
            s,
            "
# Access for group {n}
Match Group sftp-{n} Address 10.{a}.0.0/16
    ChrootDirectory /srv/sftp/%u
    ForceCommand internal-sftp
    PasswordAuthentication {pw}
    AllowTcpForwarding no
",
            a = r.below(255),
            pw = r.pick(&["no", "yes"]),
        );
        n += 1;
    }
    s
}

fn sudoers(r: &mut Rng, size: usize) -> String {
    let mut s = String::from(
        "#
# This file MUST be edited with the 'visudo' command as root.
#
Defaults\tenv_reset
Defaults\tmail_badpass
Defaults\tsecure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"
Defaults\tuse_pty, log_input, log_output, logfile=\"/var/log/sudo.log\"
Defaults\ttimestamp_timeout=5

User_Alias\tADMINS = alice, bob, %wheel
Host_Alias\tDBSERVERS = db01, db02, db03
Cmnd_Alias\tSERVICES = /usr/bin/systemctl restart app, /usr/bin/systemctl status *

root\tALL=(ALL:ALL) ALL
%sudo\tALL=(ALL:ALL) ALL
ADMINS\tALL=(ALL) ALL
",
    );
    let mut n = 0;
    while s.len() < size {
        let user = r.pick(TEAMS);
        let tag = if r.chance(30) { "NOPASSWD: " } else { "" };
        let cmd = r.pick(&["/usr/bin/systemctl restart app", "SERVICES", "/usr/bin/journalctl -u app", "ALL"]);
        let _ = writeln!(s, "# rule {n}\n{user}{n}\tDBSERVERS=(postgres) {tag}{cmd}, /usr/bin/psql");
        n += 1;
    }
    s
}

fn pg_hba(r: &mut Rng, size: usize) -> String {
    let mut s = String::from(
        "# PostgreSQL Client Authentication Configuration File
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                peer
local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
",
    );
    let mut n = 0;
    while s.len() < size {
        let method = r.pick(&["scram-sha-256", "scram-sha-256", "md5", "cert", "trust"]);
        let kind = r.pick(&["host", "hostssl", "hostssl"]);
        let _ =
            writeln!(s, "{kind:<8}app{n:<13} svc_{n:<12} 10.{}.{}.0/24{:>10} {method}", r.below(255), r.below(255), "");
        n += 1;
    }
    s
}

fn pg_conf(r: &mut Rng, size: usize) -> String {
    let mut s = format!(
        "# -----------------------------
# PostgreSQL configuration file
# -----------------------------
listen_addresses = '*'
port = 5432
max_connections = {conns}
ssl = {ssl}
ssl_cert_file = '/etc/ssl/certs/db.pem'
ssl_key_file = '/etc/ssl/private/db.key'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = scram-sha-256
shared_buffers = 4GB
work_mem = 16MB
logging_collector = on
log_destination = 'stderr,csvlog'
log_connections = {logc}
log_disconnections = on
log_line_prefix = '%m [%p] %q%u@%d '
log_statement = 'ddl'
shared_preload_libraries = 'pg_stat_statements,pgaudit'
pgaudit.log = 'role,ddl'
",
        conns = 100 + 50 * r.below(8),
        ssl = r.pick(&["on", "on", "off"]),
        logc = r.pick(&["on", "off"]),
    );
    let mut n = 0;
    while s.len() < size {
        let _ = write!(
            s,
            "
#------------------------------------------------------------------------------
# SECTION {n}
#------------------------------------------------------------------------------
#autovacuum_naptime = 1min\t\t# time between autovacuum runs
#autovacuum_vacuum_threshold = 50\t# min number of row updates before vacuum
#checkpoint_timeout = 5min\t\t# range 30s-1d
#wal_level = replica\t\t\t# minimal, replica, or logical
#statement_timeout = 0\t\t\t# in milliseconds, 0 is disabled
"
        );
        n += 1;
    }
    s
}

fn fluent_bit(r: &mut Rng, size: usize) -> String {
    let mut s = String::from(
        "[SERVICE]
    Flush         1
    Log_Level     info
    Daemon        off
    Parsers_File  parsers.conf
    HTTP_Server   On

[FILTER]
    Name                kubernetes
    Match               kube.*
    Merge_Log           On
",
    );
    let tls = r.pick(&["on", "on", "off"]);
    let _ = write!(
        s,
        "
[OUTPUT]
    Name            forward
    Match           *
    Host            collector.example.com
    Port            24224
    tls             {tls}
    tls.verify      on
"
    );
    let mut n = 0;
    while s.len() < size {
        let _ = write!(
            s,
            "
[INPUT]
    Name              tail
    Tag               app{n}.*
    Path              /var/log/app{n}/*.log
    Parser            json
    DB                /var/fluent-bit/state/app{n}.db
    Mem_Buf_Limit     {mb}MB
",
            mb = 5 * (1 + r.below(10)),
        );
        n += 1;
    }
    s
}

fn rsyslog(r: &mut Rng, size: usize) -> String {
    let mut s = String::from(
        "#### MODULES ####
module(load=\"imuxsock\")
module(load=\"imjournal\" StateFile=\"imjournal.state\")
module(load=\"imfile\" PollingInterval=\"10\")

#### GLOBAL DIRECTIVES ####
$WorkDirectory /var/lib/rsyslog
$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat

#### RULES ####
*.info;mail.none;authpriv.none;cron.none                /var/log/messages
authpriv.*                                              /var/log/secure
mail.*                                                  -/var/log/maillog
cron.*                                                  /var/log/cron
*.emerg                                                 :omusrmsg:*
",
    );
    let target = r.pick(&["logs.example.com", "10.0.9.20"]);
    let _ = writeln!(
        s,
        "*.* action(type=\"omfwd\" target=\"{target}\" port=\"6514\" protocol=\"tcp\" StreamDriver=\"gtls\" StreamDriverMode=\"1\")"
    );
    let mut n = 0;
    while s.len() < size {
        let _ = write!(
            s,
            "
input(type=\"imfile\" File=\"/var/log/app{n}/app.log\" Tag=\"app{n}:\" Severity=\"info\" Facility=\"local{f}\")
if $programname == 'app{n}' then {{
    action(type=\"omfile\" file=\"/var/log/app{n}.log\")
    stop
}}
",
            f = r.below(8),
        );
        n += 1;
    }
    s
}

fn vault(r: &mut Rng, size: usize) -> String {
    let mut s = String::from("# Vault policy generated by the ztmm estate benchmark.\n");
    let mut n = 0;
    while s.len() < size || n == 0 {
        let caps = r.pick(&[
            "[\"read\", \"list\"]",
            "[\"create\", \"read\", \"update\", \"delete\", \"list\"]",
            "[\"sudo\", \"create\", \"update\"]",
            "[\"read\"]",
        ]);
        let _ = write!(
            s,
            "
path \"secret/data/team-{n}/*\" {{
  capabilities = {caps}
}}

path \"database/creds/team-{n}-ro\" {{
  capabilities = [\"read\"]
  allowed_parameters = {{
    \"ttl\" = [\"1h\", \"4h\"]
  }}
}}
"
        );
        n += 1;
    }
    s
}
