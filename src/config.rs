//! The assessment file `ztmm.yaml` (DESIGN.md §6): client and scope, kind overrides, rule
//! enable/disable and severity overrides, waivers and attestations. Raw serde with
//! `deny_unknown_fields`, then validation that reports every problem with file:line:col.

use crate::kind::Kind;
use crate::model::{Severity, Stage};
use crate::owned_yaml::{located, parse_owned_yaml, typed, LoadError, LoadErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    client: Option<String>,
    #[serde(default)]
    assessor: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// A PNG, JPEG or SVG next to the assessment file, shown on the report cover.
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    scope: RawScope,
    #[serde(default)]
    kinds: Vec<RawKindOverride>,
    #[serde(default)]
    rules: RawRuleSettings,
    #[serde(default)]
    waivers: Vec<Waiver>,
    #[serde(default)]
    attestations: Vec<Attestation>,
    #[serde(default)]
    gate: RawGate,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    #[serde(default)]
    max_waiver_days: Option<u32>,
    #[serde(default)]
    inline_waivers: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKindOverride {
    glob: String,
    kind: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSettings {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
}

/// An exception: a failing rule accepted for a while, with an owner and a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    /// Glob over the finding's path; all paths when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Exact resource name; all resources when absent.
    #[serde(default)]
    pub resource: Option<String>,
    pub reason: String,
    pub owner: String,
    /// `YYYY-MM-DD`; the waiver lapses at the end of that day.
    pub expires: String,
    /// Where the waiver starts in the assessment file (set by validation, never read from it).
    #[serde(skip)]
    pub line: Option<u32>,
}

/// A claim by a person, shown as *attested*, never as observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// A function id or a rule id.
    pub target: String,
    pub stage: Stage,
    pub statement: String,
    pub evidence: String,
    pub attested_by: String,
}

/// The validated assessment file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub client: Option<String>,
    pub assessor: Option<String>,
    pub title: Option<String>,
    /// The logo as given (a path relative to the assessment file) and, once loaded, as a `data:` URI.
    pub logo: Option<String>,
    pub logo_data: Option<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub kind_overrides: Vec<(String, Kind)>,
    pub disabled: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub waivers: Vec<Waiver>,
    pub attestations: Vec<Attestation>,
    pub gate: GateSettings,
    /// Where it was read from, for messages.
    pub file: Option<String>,
}

/// How far the scan trusts exceptions and claims. The file's `gate:` section sets the first two;
/// command-line flags can only make them stricter (see `tighten`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateSettings {
    /// A waiver expiring more than this many days after the scan date is rejected.
    pub max_waiver_days: Option<u32>,
    /// `false`: `ztmm:ignore` directives in scanned files are listed but waive nothing.
    pub inline_waivers: bool,
    /// Whether the CI gate may count attestations. Command line only (`--accept-attestations`):
    /// the file that makes the claims cannot also accept them.
    pub accept_attestations: bool,
}

impl Default for GateSettings {
    fn default() -> Self {
        GateSettings { max_waiver_days: None, inline_waivers: true, accept_attestations: false }
    }
}

impl GateSettings {
    /// Apply command-line settings: the stricter of the file's and the flag's limit wins, so a
    /// team's file cannot loosen a limit a shared CI job sets, nor a job loosen the team's.
    pub fn tighten(&mut self, max_waiver_days: Option<u32>, no_inline_waivers: bool, accept_attestations: bool) {
        self.max_waiver_days = match (self.max_waiver_days, max_waiver_days) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.inline_waivers &= !no_inline_waivers;
        self.accept_attestations = accept_attestations;
    }
}

/// What an assessment file may name: rules (by id, name or alias) and catalog functions.
pub trait Names {
    /// The canonical id of a rule named by id, name or alias.
    fn rule_id(&self, id_or_name: &str) -> Option<String>;
    fn is_function(&self, id: &str) -> bool;
}

impl Names for crate::rules::RuleSet {
    fn rule_id(&self, id_or_name: &str) -> Option<String> {
        self.rule(id_or_name).map(|r| r.id.clone())
    }
    fn is_function(&self, id: &str) -> bool {
        self.catalog.function(id).is_some()
    }
}

/// Read and validate `path`. `names` lets unknown rule and function references be reported.
pub fn load(path: &Path, names: &dyn Names) -> Result<Config, LoadErrors> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadErrors(vec![located(&file, "", None, None, None, format!("cannot read: {e}"))]))?;
    let mut config = parse(&file, &text, names)?;
    if let Some(logo) = &config.logo {
        let at = path.parent().unwrap_or_else(|| Path::new(".")).join(logo);
        let data = logo_data_uri(&at)
            .map_err(|e| LoadErrors(vec![located(&file, "", None, None, None, format!("logo `{logo}`: {e}"))]))?;
        config.logo_data = Some(data);
    }
    Ok(config)
}

/// Largest logo embedded in a report.
pub const MAX_LOGO_BYTES: u64 = 256 << 10;

/// Read an image and return it as a `data:` URI; only PNG, JPEG and SVG, at most 256 KiB.
pub fn logo_data_uri(path: &Path) -> Result<String, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => return Err("must be a .png, .jpg or .svg file".into()),
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > MAX_LOGO_BYTES {
        return Err(format!("{} bytes, over the {MAX_LOGO_BYTES} byte limit", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(format!("data:{mime};base64,{}", base64(&bytes)))
}

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Validate the text of an assessment file.
pub fn parse(file: &str, text: &str, names: &dyn Names) -> Result<Config, LoadErrors> {
    let rule_ids = |id: &str| names.rule_id(id).is_some();
    let mut errors: Vec<LoadError> = Vec::new();
    if text.trim().is_empty() || text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok(Config { file: Some(file.to_string()), ..Config::default() });
    }
    let Some((tree, spans)) = parse_owned_yaml(file, text, &mut errors) else { return Err(LoadErrors(errors)) };
    let Some(mut raw): Option<RawConfig> = typed(file, text, &tree, &spans, None, &mut errors) else {
        return Err(LoadErrors(errors));
    };
    let mut err = |ptr: &str, msg: String| {
        let pos = spans.lookup(ptr);
        errors.push(located(file, text, pos.map(|p| p.line), pos.map(|p| p.column), None, msg));
    };
    let mut kind_overrides = Vec::new();
    for (i, k) in raw.kinds.iter().enumerate() {
        match Kind::parse(&k.kind) {
            Some(kind) => kind_overrides.push((k.glob.clone(), kind)),
            None => err(&format!("/kinds/{i}/kind"), format!("unknown kind `{}`", k.kind)),
        }
        if let Err(e) = globset::Glob::new(&k.glob) {
            err(&format!("/kinds/{i}/glob"), format!("invalid glob: {e}"));
        }
    }
    for (i, g) in raw.scope.include.iter().chain(&raw.scope.exclude).enumerate() {
        if let Err(e) = globset::Glob::new(g) {
            let (list, j) =
                if i < raw.scope.include.len() { ("include", i) } else { ("exclude", i - raw.scope.include.len()) };
            err(&format!("/scope/{list}/{j}"), format!("invalid glob: {e}"));
        }
    }
    for (i, id) in raw.rules.disable.iter().enumerate() {
        if !rule_ids(id) {
            err(&format!("/rules/disable/{i}"), format!("unknown rule `{id}`"));
        }
    }
    let mut severity = BTreeMap::new();
    for (id, sev) in &raw.rules.severity {
        let ptr = format!("/rules/severity/{id}");
        if !rule_ids(id) {
            err(&ptr, format!("unknown rule `{id}`"));
        }
        match Severity::parse(sev) {
            Some(s) => {
                severity.insert(id.clone(), s);
            }
            None => err(&ptr, format!("`{sev}` is not info, low, medium, high or critical")),
        }
    }
    for (i, w) in raw.waivers.iter_mut().enumerate() {
        let ptr = format!("/waivers/{i}");
        w.line = spans.lookup(&format!("{ptr}/rule")).map(|p| p.line);
        if !rule_ids(&w.rule) {
            err(&format!("{ptr}/rule"), format!("unknown rule `{}`", w.rule));
        }
        if jiff::civil::Date::strptime("%Y-%m-%d", &w.expires).is_err() {
            err(&format!("{ptr}/expires"), format!("`{}` is not a date (YYYY-MM-DD)", w.expires));
        }
        for (field, v) in [("reason", &w.reason), ("owner", &w.owner)] {
            if v.trim().is_empty() {
                err(&format!("{ptr}/{field}"), format!("a waiver needs a {field}"));
            }
        }
        if let Some(g) = &w.path {
            if let Err(e) = globset::Glob::new(g) {
                err(&format!("{ptr}/path"), format!("invalid glob: {e}"));
            }
        }
    }
    for (i, a) in raw.attestations.iter_mut().enumerate() {
        if names.is_function(&a.target) {
            continue;
        }
        // A rule may be named by id, name or alias; the gate matches findings by id.
        match names.rule_id(&a.target) {
            Some(id) => a.target = id,
            None => err(
                &format!("/attestations/{i}/target"),
                format!(
                    "unknown target `{}`: not a function id (e.g. identity.authentication) nor a rule id",
                    a.target
                ),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    Ok(Config {
        client: raw.client,
        assessor: raw.assessor,
        title: raw.title,
        logo: raw.logo,
        logo_data: None,
        include: raw.scope.include,
        exclude: raw.scope.exclude,
        kind_overrides,
        disabled: raw.rules.disable,
        severity,
        waivers: raw.waivers,
        attestations: raw.attestations,
        gate: GateSettings {
            max_waiver_days: raw.gate.max_waiver_days,
            inline_waivers: raw.gate.inline_waivers.unwrap_or(true),
            accept_attestations: false,
        },
        file: Some(file.to_string()),
    })
}

/// A commented starter file for `ztmm init`.
pub const INIT_TEMPLATE: &str = include_str!("../templates/ztmm.yaml");

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
