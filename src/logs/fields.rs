//! Field maps: which fields of each log kind answer who / what / when / where / resource /
//! outcome / correlation (ZTMM.md §2.6), in each format's own schema (Kubernetes audit,
//! CloudTrail, Vault, Teleport, Okta, syslog, PostgreSQL) and, for generic JSON logs, the common
//! schemas (ECS, OCSF, GCP Cloud Audit Logs) and names. Also recognises which common schema a
//! generic JSON event follows.

use super::lite::{Shape, Tree};
use super::plan::Seg;
use crate::kind::Kind;

/// The audit questions an event should answer, in report order.
pub const ASPECTS: [&str; 7] = ["who", "what", "when", "where", "resource", "outcome", "correlation"];
pub const WHO: usize = 0;
pub const WHAT: usize = 1;
pub const WHEN: usize = 2;
pub const RESOURCE: usize = 4;

/// One step of a field path: a key, or an index into a list.
#[derive(Debug, Clone, Copy)]
pub enum F {
    K(&'static str),
    I(usize),
}
use F::{I, K};

pub type Fields = &'static [&'static [F]];

/// The field paths that answer each aspect for a log kind (first present wins).
pub fn field_map(kind: Kind) -> [Fields; 7] {
    match kind {
        Kind::K8sAuditLog => [
            &[&[K("user"), K("username")], &[K("impersonatedUser"), K("username")]],
            &[&[K("verb")]],
            &[&[K("requestReceivedTimestamp")], &[K("stageTimestamp")]],
            &[&[K("sourceIPs"), I(0)]],
            &[&[K("objectRef"), K("resource")], &[K("requestURI")]],
            &[&[K("responseStatus"), K("code")], &[K("annotations"), K("authorization.k8s.io/decision")]],
            &[&[K("auditID")]],
        ],
        Kind::CloudtrailLog => [
            &[
                &[K("userIdentity"), K("arn")],
                &[K("userIdentity"), K("principalId")],
                &[K("userIdentity"), K("userName")],
                // Calls AWS services make (AWSService identities) name the service.
                &[K("userIdentity"), K("invokedBy")],
            ],
            &[&[K("eventName")]],
            &[&[K("eventTime")]],
            &[&[K("sourceIPAddress")]],
            &[&[K("resources"), I(0), K("ARN")], &[K("requestParameters")]],
            // Success is recorded by the absence of errorCode next to a responseElements key.
            &[&[K("errorCode")], &[K("responseElements")]],
            &[&[K("requestID")], &[K("eventID")]],
        ],
        Kind::VaultAuditLog => [
            &[&[K("auth"), K("display_name")], &[K("auth"), K("entity_id")], &[K("auth"), K("accessor")]],
            &[&[K("request"), K("operation")]],
            &[&[K("time")]],
            &[&[K("request"), K("remote_address")]],
            &[&[K("request"), K("path")]],
            &[&[K("response")], &[K("error")]],
            &[&[K("request"), K("id")]],
        ],
        Kind::TeleportAuditLog => [
            &[&[K("user")]],
            &[&[K("event")], &[K("code")]],
            &[&[K("time")]],
            &[&[K("addr.remote")], &[K("addr.local")]],
            &[&[K("server_hostname")], &[K("resource_name")], &[K("login")], &[K("db_service")]],
            &[&[K("success")], &[K("code")]],
            &[&[K("uid")], &[K("sid")]],
        ],
        Kind::OktaSystemLog => [
            &[&[K("actor"), K("alternateId")], &[K("actor"), K("id")]],
            &[&[K("eventType")], &[K("legacyEventType")]],
            &[&[K("published")]],
            &[&[K("client"), K("ipAddress")], &[K("request"), K("ipChain"), I(0), K("ip")]],
            &[&[K("target"), I(0), K("alternateId")], &[K("target"), I(0), K("id")]],
            &[&[K("outcome"), K("result")]],
            &[&[K("uuid")], &[K("transaction"), K("id")], &[K("authenticationContext"), K("externalSessionId")]],
        ],
        Kind::AuthLog => [
            &[&[K("sshd"), K("user")], &[K("sudo"), K("user")]],
            &[&[K("program")]],
            &[&[K("timestamp")]],
            &[&[K("sshd"), K("source_ip")]],
            &[&[K("host")]],
            &[&[K("sshd"), K("outcome")], &[K("sudo"), K("outcome")]],
            &[&[K("pid")]],
        ],
        Kind::PostgresLog => [
            &[&[K("user")]],
            &[&[K("action")], &[K("message")]],
            &[&[K("timestamp")]],
            &[&[K("remote")]],
            &[&[K("pgaudit"), K("object_name")], &[K("database")]],
            &[&[K("sqlstate")], &[K("outcome")]],
            &[&[K("session_id")]],
        ],
        _ => [
            // ECS (nested and dotted), OCSF, GCP Cloud Audit Logs, then common names.
            &[
                &[K("user"), K("name")],
                &[K("user.name")],
                &[K("actor"), K("user"), K("name")],
                &[K("actor"), K("user"), K("email_addr")],
                &[K("actor"), K("user"), K("uid")],
                &[K("protoPayload"), K("authenticationInfo"), K("principalEmail")],
                &[K("user")],
                &[K("username")],
                &[K("principal")],
                &[K("userIdentity"), K("arn")],
            ],
            &[
                &[K("event"), K("action")],
                &[K("event.action")],
                &[K("activity_name")],
                &[K("api"), K("operation")],
                &[K("protoPayload"), K("methodName")],
                &[K("action")],
                &[K("eventName")],
                &[K("event")],
            ],
            &[&[K("@timestamp")], &[K("timestamp")], &[K("time")], &[K("ts")], &[K("eventTime")]],
            &[
                &[K("source"), K("ip")],
                &[K("source.ip")],
                &[K("src_endpoint"), K("ip")],
                &[K("client"), K("ip")],
                &[K("client.ip")],
                &[K("protoPayload"), K("requestMetadata"), K("callerIp")],
                &[K("sourceIPAddress")],
                &[K("remote_addr")],
                &[K("ip")],
            ],
            &[
                &[K("url"), K("path")],
                &[K("url.path")],
                &[K("file"), K("path")],
                &[K("resources"), I(0), K("name")],
                &[K("resources"), I(0), K("uid")],
                &[K("protoPayload"), K("resourceName")],
                &[K("resource")],
                &[K("object")],
                &[K("target")],
                &[K("objectRef")],
            ],
            &[
                &[K("event"), K("outcome")],
                &[K("event.outcome")],
                &[K("status")],
                &[K("status_id")],
                &[K("protoPayload"), K("status")],
                &[K("outcome")],
                &[K("status_code")],
                &[K("result")],
            ],
            &[
                &[K("trace"), K("id")],
                &[K("trace.id")],
                &[K("transaction"), K("id")],
                &[K("metadata"), K("correlation_uid")],
                &[K("metadata"), K("uid")],
                &[K("insertId")],
                &[K("request_id")],
                &[K("correlation_id")],
                &[K("trace_id")],
                &[K("requestID")],
            ],
        ],
    }
}

pub fn lookup<'v, T: Tree>(ev: &'v T, path: &[F]) -> Option<&'v T> {
    let mut v = ev;
    for f in path {
        v = match f {
            K(k) => v.get(k)?,
            I(i) => v.index(*i)?,
        };
    }
    Some(v)
}

pub fn present<T: Tree>(v: &T) -> bool {
    match v.shape() {
        Shape::Null => false,
        Shape::Str(s) => !s.is_empty(),
        _ => true,
    }
}

/// The node that answers `aspect` (an index into [`ASPECTS`]) for an event of `kind`.
pub fn aspect<T: Tree>(kind: Kind, ev: &T, aspect: usize) -> Option<&T> {
    let fields = field_map(kind);
    fields.get(aspect)?.iter().filter_map(|p| lookup(ev, p)).find(|v| present(*v))
}

/// A common schema a generic JSON event follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    Ecs,
    Ocsf,
}

impl Schema {
    pub fn id(self) -> &'static str {
        match self {
            Schema::Ecs => "ecs",
            Schema::Ocsf => "ocsf",
        }
    }
}

/// Fields that only one schema has: ECS's `ecs.version` and `event.kind`/`event.category`
/// beside `@timestamp`; OCSF's `class_uid` and `activity_id`.
const ECS_MARKS: Fields =
    &[&[K("ecs")], &[K("ecs.version")], &[K("event"), K("kind")], &[K("event"), K("category")], &[K("event.kind")]];
const OCSF_MARKS: Fields = &[&[K("class_uid")], &[K("activity_id")], &[K("category_uid")]];

/// The common schema `ev` follows, if any.
pub fn schema<T: Tree>(ev: &T) -> Option<Schema> {
    let any = |marks: Fields| marks.iter().any(|p| lookup(ev, p).is_some_and(present));
    if any(OCSF_MARKS) {
        Some(Schema::Ocsf)
    } else if any(ECS_MARKS) && lookup(ev, &[K("@timestamp")]).is_some() {
        Some(Schema::Ecs)
    } else {
        None
    }
}

/// Every field path the map of `kind` (and, for generic JSON, the schema marks) reads, for
/// the parse plan.
pub fn plan_paths(kind: Kind) -> Vec<Vec<Seg>> {
    let marks: &[Fields] = if is_generic(kind) { &[ECS_MARKS, OCSF_MARKS] } else { &[] };
    field_map(kind)
        .iter()
        .chain(marks)
        .flat_map(|fields| fields.iter())
        .map(|path| {
            path.iter()
                .map(|f| match f {
                    K(k) => Seg::Key((*k).to_string()),
                    I(_) => Seg::Element,
                })
                .collect()
        })
        .collect()
}

/// Generic JSON logs, read by the common field names.
pub fn is_generic(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::K8sAuditLog
            | Kind::CloudtrailLog
            | Kind::VaultAuditLog
            | Kind::TeleportAuditLog
            | Kind::OktaSystemLog
            | Kind::AuthLog
            | Kind::PostgresLog
    )
}
