//! Message templates: `"ClusterRoleBinding {{ metadata.name }} grants {{ roleRef.name }}"`.
//! Each `{{ path }}` is a path (relative to the instance, or `$.`-anchored at the document root),
//! compiled at load time; several matches are joined with `, `; nothing matched renders as `?`,
//! or as the quoted fallback of `{{ path ?? "default" }}` (for settings with a documented default).

use super::path::{Node, Path};
use super::values::scalar_text;
use serde_json::Value;

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    /// A path, and what to show when it selects nothing (`{{ path ?? "yes" }}`).
    Path(Path, Option<String>),
}

#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut rest = src;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or_else(|| format!("unclosed `{{{{` in message `{src}`"))?;
            let inner = after[..close].trim();
            let (expr, fallback) = match inner.split_once("??") {
                Some((e, f)) => {
                    let f = f.trim();
                    let unquoted = f.strip_prefix('"').and_then(|x| x.strip_suffix('"'));
                    let f = unquoted.ok_or_else(|| {
                        format!("in message template: the fallback after `??` must be a quoted string, got `{f}`")
                    })?;
                    (e.trim(), Some(f.to_string()))
                }
                None => (inner, None),
            };
            let path = Path::parse(expr).map_err(|e| format!("in message template: {e}"))?;
            pieces.push(Piece::Path(path, fallback));
            rest = &after[close + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Ok(Template { pieces })
    }

    /// The paths the template interpolates.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Path(path, _) => Some(path),
            Piece::Text(_) => None,
        })
    }

    pub fn render(&self, root: Node<'_>, node: Node<'_>) -> String {
        self.render_with(root, node, &|v| v)
    }

    /// Render, passing every interpolated scanned value through `value` (redaction): the
    /// template's own text is the rule author's and is left alone.
    pub fn render_with(&self, root: Node<'_>, node: Node<'_>, value: &dyn Fn(String) -> String) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Path(p, fallback) => {
                    let texts: Vec<String> =
                        p.resolve(root, node).iter().map(|h| value(render_value(h.value))).collect();
                    if texts.is_empty() {
                        out.push_str(fallback.as_deref().unwrap_or("?"));
                    } else {
                        out.push_str(&texts.join(", "));
                    }
                }
            }
        }
        out
    }
}

fn render_value(v: &Value) -> String {
    match scalar_text(v) {
        Some(t) => t.into_owned(),
        None => match v {
            Value::Array(items) => items.iter().map(render_value).collect::<Vec<_>>().join(", "),
            Value::Null => "null".into(),
            other => {
                let s = other.to_string();
                if s.len() > 120 {
                    let mut cut = 117;
                    while !s.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    format!("{}...", &s[..cut])
                } else {
                    s
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_paths_and_placeholders() {
        let v = json!({"metadata": {"name": "ops"}, "subjects": [{"name": "a"}, {"name": "b"}]});
        let root = Node { value: &v, pointer: "" };
        let t = Template::parse("{{ metadata.name }} grants to {{ subjects[*].name }} ({{ missing }})").expect("ok");
        assert_eq!(t.render(root, root), "ops grants to a, b (?)");
        assert!(Template::parse("{{ a..b }}").is_err());
        let t = Template::parse("PasswordAuthentication {{ settings.passwordauthentication ?? \"yes (default)\" }}")
            .expect("ok");
        assert_eq!(t.render(root, root), "PasswordAuthentication yes (default)");
        assert!(Template::parse("{{ a ?? yes }}").is_err());
        assert!(Template::parse("{{ open").is_err());
    }
}
