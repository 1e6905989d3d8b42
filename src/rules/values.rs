//! Value semantics shared by the operators: loose scalar equality across YAML's typing, truthiness
//! as configs spell it (`yes`, `on`, `1`), durations (`3600`, `"1h"`, `"PT1H"`, `"768h"`) and CIDRs.

use serde_json::Value;
use std::net::IpAddr;

/// The text of a scalar, for loose comparison. Objects and arrays have none.
pub fn scalar_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
        Value::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b { "true" } else { "false" })),
        Value::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
        Value::Null => None,
        _ => None,
    }
}

/// Equality that treats `5` and `"5"`, `true` and `"true"` as equal: configs rarely agree on types.
pub fn loose_eq(a: &Value, b: &Value, ignore_case: bool) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| loose_eq(p, q, ignore_case))
        }
        (Value::Object(_), _) | (_, Value::Object(_)) => a == b,
        _ => match (scalar_text(a), scalar_text(b)) {
            (Some(x), Some(y)) => {
                if ignore_case {
                    x.eq_ignore_ascii_case(&y)
                } else {
                    x == y
                }
            }
            (None, None) => a.is_null() && b.is_null(),
            _ => false,
        },
    }
}

/// `Some(true)` for true/yes/on/1, `Some(false)` for false/no/off/0, `None` otherwise.
pub fn truthiness(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" | "y" => Some(true),
            "false" | "no" | "off" | "0" | "n" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A number, from a JSON number or a numeric string.
pub fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Seconds in a duration: bare numbers are seconds; `90s`, `30m`, `1h30m`, `768h`, `7d`, `2w`;
/// ISO 8601 `PT1H`, `P1D`, `P1DT2H`.
pub fn parse_duration(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<f64>() {
        return Some(n);
    }
    let upper = t.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix('P') {
        return parse_iso_duration(rest);
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut any = false;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'm' && chars.peek() == Some(&'s') {
            chars.next();
            unit = "ms".into();
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let mult = match unit.as_str() {
            "ms" => 0.001,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "d" => 86_400.0,
            "w" => 604_800.0,
            _ => return None,
        };
        total += n * mult;
        any = true;
    }
    if !num.is_empty() {
        return None;
    }
    any.then_some(total)
}

fn parse_iso_duration(rest: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut in_time = false;
    let mut num = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' | '.' => num.push(c),
            _ => {
                let n: f64 = num.parse().ok()?;
                num.clear();
                let mult = match (c, in_time) {
                    ('Y', false) => 365.0 * 86_400.0,
                    ('M', false) => 30.0 * 86_400.0,
                    ('W', false) => 604_800.0,
                    ('D', false) => 86_400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
                total += n * mult;
                any = true;
            }
        }
    }
    (any && num.is_empty()).then_some(total)
}

/// Seconds from a node: numbers are seconds; strings are parsed as durations.
pub fn duration_of(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_duration(s),
        _ => None,
    }
}

/// An IP network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parse `10.0.0.0/8`, `::/0`, or a bare address (a host route).
    pub fn parse(text: &str) -> Option<Cidr> {
        let t = text.trim();
        let (addr, prefix) = match t.split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, p.parse::<u8>().ok()?),
            None => {
                let a = t.parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    /// True when the network is the whole address space (`0.0.0.0/0`, `::/0`).
    pub fn is_world(&self) -> bool {
        self.prefix == 0
    }

    /// True when `self` lies entirely inside `outer`.
    pub fn within(&self, outer: &Cidr) -> bool {
        if self.prefix < outer.prefix {
            return false;
        }
        match (self.addr, outer.addr) {
            (IpAddr::V4(a), IpAddr::V4(b)) => {
                let mask = if outer.prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(outer.prefix)) };
                u32::from(a) & mask == u32::from(b) & mask
            }
            (IpAddr::V6(a), IpAddr::V6(b)) => {
                let mask = if outer.prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(outer.prefix)) };
                u128::from(a) & mask == u128::from(b) & mask
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600"), Some(3600.0));
        assert_eq!(parse_duration("1h"), Some(3600.0));
        assert_eq!(parse_duration("1h30m"), Some(5400.0));
        assert_eq!(parse_duration("768h"), Some(768.0 * 3600.0));
        assert_eq!(parse_duration("PT1H"), Some(3600.0));
        assert_eq!(parse_duration("P1DT2H"), Some(93_600.0));
        assert_eq!(parse_duration("500ms"), Some(0.5));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("1x"), None);
        assert_eq!(parse_duration("12"), Some(12.0));
        assert_eq!(parse_duration(""), None);
    }

    #[test]
    fn loose_equality_and_truthiness() {
        assert!(loose_eq(&json!(5), &json!("5"), false));
        assert!(loose_eq(&json!(true), &json!("true"), false));
        assert!(!loose_eq(&json!("No"), &json!("no"), false));
        assert!(loose_eq(&json!("No"), &json!("no"), true));
        assert_eq!(truthiness(&json!("on")), Some(true));
        assert_eq!(truthiness(&json!("OFF")), Some(false));
        assert_eq!(truthiness(&json!("maybe")), None);
    }

    #[test]
    fn cidrs() {
        let world = Cidr::parse("0.0.0.0/0").expect("cidr");
        assert!(world.is_world());
        assert!(Cidr::parse("::/0").expect("cidr").is_world());
        let ten = Cidr::parse("10.0.0.0/8").expect("cidr");
        assert!(Cidr::parse("10.1.2.0/24").expect("cidr").within(&ten));
        assert!(!Cidr::parse("11.1.2.0/24").expect("cidr").within(&ten));
        assert!(!world.within(&ten));
        assert!(Cidr::parse("10.0.0.5").expect("cidr").within(&ten));
        assert!(Cidr::parse("10.0.0.0/33").is_none());
    }
}
