//! Deterministic generators of realistic audit logs for the log benchmark: the shared seeded RNG
//! and clock, Kubernetes audit events (JSON lines, as the API server's log backend writes them)
//! and the JSON-lines writer; CloudTrail records are in `cloudtrail_gen.rs`. Events vary the way
//! real ones do: mostly controllers and service accounts, some people, a few denials, large
//! `requestObject` bodies now and then, and rare events the rules flag.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// splitmix64: small, seeded, the same everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `per_10k` / 10,000.
    pub fn chance(&mut self, per_10k: usize) -> bool {
        self.below(10_000) < per_10k
    }

    pub fn uuid(&mut self, s: &mut String) {
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

    pub fn hex(&mut self, s: &mut String, n: usize) {
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

    pub fn tick(&mut self, r: &mut Rng) {
        self.micros += 1 + r.below(9_000) as u64;
    }

    /// RFC 3339 UTC with `digits` fractional digits (0 = whole seconds, as CloudTrail writes).
    pub fn write(&self, s: &mut String, plus_micros: u64, digits: u32) {
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

pub const NAMESPACES: &[&str] =
    &["payments", "checkout", "identity", "search", "catalog", "billing", "ledger", "platform", "data", "web"];
pub const PEOPLE: &[&str] = &["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const CONTROLLERS: &[&str] = &[
    "deployment-controller",
    "replicaset-controller",
    "endpointslice-controller",
    "horizontal-pod-autoscaler",
    "generic-garbage-collector",
    "namespace-controller",
];

pub fn ip(r: &mut Rng, s: &mut String, private: bool) {
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
