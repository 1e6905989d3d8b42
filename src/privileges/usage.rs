//! What principals did in the logs, accumulated while each log streams and merged in path order.
//! Memory is bounded whatever the log size: at most [`MAX_PRINCIPALS`] principals, and per
//! principal [`MAX_ACTIONS`] distinct actions, [`MAX_VIA`] groups and [`MAX_ADMIN_SAMPLE`] admin
//! actions; anything past a cap is counted and the report says the list was capped.

use super::events::{observe, Observation};
use super::System;
use crate::kind::Kind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub const MAX_PRINCIPALS: usize = 10_000;
pub const MAX_ACTIONS: usize = 256;
pub const MAX_VIA: usize = 32;
pub const MAX_ADMIN_SAMPLE: usize = 16;

/// A principal as logs name it; `host` is set for sudo (grants are per host), empty otherwise.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UsageKey {
    pub system: System,
    pub principal: String,
    pub host: String,
}

#[derive(Debug, Clone, Default)]
pub struct PrincipalUsage {
    /// The principal acted itself (a user, a role), rather than through a group it is in.
    pub actor: bool,
    pub events: u64,
    pub actions: BTreeSet<String>,
    /// Distinct actions dropped at the cap.
    pub actions_dropped: u64,
    /// Groups (or Vault policies) the actor's events carried.
    pub via: BTreeSet<String>,
    pub admin_events: u64,
    pub admin_actions: BTreeSet<String>,
}

impl PrincipalUsage {
    fn add_action(&mut self, action: &str) {
        if self.actions.contains(action) {
            return;
        }
        if self.actions.len() < MAX_ACTIONS {
            self.actions.insert(action.to_string());
        } else {
            self.actions_dropped += 1;
        }
    }

    fn merge(&mut self, other: PrincipalUsage) {
        self.actor |= other.actor;
        self.events += other.events;
        self.admin_events += other.admin_events;
        self.actions_dropped += other.actions_dropped;
        for a in &other.actions {
            self.add_action(a);
        }
        for v in other.via {
            if self.via.len() < MAX_VIA {
                self.via.insert(v);
            }
        }
        for a in other.admin_actions {
            if self.admin_actions.len() < MAX_ADMIN_SAMPLE {
                self.admin_actions.insert(a);
            }
        }
    }

    pub fn capped(&self) -> bool {
        self.actions_dropped > 0
    }
}

/// Usage of one log (while it streams) or of the whole scan (after the merge).
#[derive(Debug, Clone, Default)]
pub struct UsageAcc {
    pub principals: BTreeMap<UsageKey, PrincipalUsage>,
    /// Principals not tracked because the cap was reached.
    pub principals_dropped: u64,
    /// Events that named a principal.
    pub events: u64,
}

impl UsageAcc {
    /// An accumulator for a log of `kind`, or `None` when its events say nothing about grants.
    pub fn for_kind(kind: Kind) -> Option<UsageAcc> {
        matches!(kind, Kind::K8sAuditLog | Kind::CloudtrailLog | Kind::AuthLog | Kind::VaultAuditLog)
            .then(UsageAcc::default)
    }

    /// Record what one event of a log of `kind` shows.
    pub fn observe(&mut self, kind: Kind, ev: &Value) {
        for o in observe(kind, ev) {
            self.record(&o);
        }
    }

    fn entry(&mut self, key: UsageKey) -> Option<&mut PrincipalUsage> {
        if !self.principals.contains_key(&key) && self.principals.len() >= MAX_PRINCIPALS {
            self.principals_dropped += 1;
            return None;
        }
        Some(self.principals.entry(key).or_default())
    }

    fn record(&mut self, o: &Observation) {
        self.events += 1;
        let key = UsageKey { system: o.system, principal: o.principal.clone(), host: o.host.clone() };
        if let Some(p) = self.entry(key) {
            p.actor = true;
            p.events += 1;
            p.add_action(&o.action);
            for v in &o.via {
                if p.via.len() < MAX_VIA {
                    p.via.insert(v.clone());
                }
            }
            if o.admin {
                p.admin_events += 1;
                if p.admin_actions.len() < MAX_ADMIN_SAMPLE {
                    p.admin_actions.insert(o.action.clone());
                }
            }
        }
        // A group's members act for it: what they did is what the group's grant was used for.
        for v in &o.via {
            let key = UsageKey { system: o.system, principal: v.clone(), host: o.host.clone() };
            if let Some(g) = self.entry(key) {
                g.events += 1;
                g.add_action(&o.action);
            }
        }
    }

    pub fn merge(&mut self, other: UsageAcc) {
        self.events += other.events;
        self.principals_dropped += other.principals_dropped;
        for (k, u) in other.principals {
            let full = self.principals.len() >= MAX_PRINCIPALS;
            match self.principals.get_mut(&k) {
                Some(mine) => mine.merge(u),
                None if full => self.principals_dropped += 1,
                None => {
                    self.principals.insert(k, u);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn k8s(user: &str, verb: &str, resource: &str) -> Value {
        json!({"verb": verb, "user": {"username": user, "groups": ["ops"]}, "objectRef": {"resource": resource}})
    }

    #[test]
    fn members_act_for_their_groups_and_caps_hold() {
        let mut acc = UsageAcc::for_kind(Kind::K8sAuditLog).expect("k8s audit carries usage");
        acc.observe(Kind::K8sAuditLog, &k8s("alice", "get", "pods"));
        acc.observe(Kind::K8sAuditLog, &k8s("alice", "get", "pods"));
        acc.observe(Kind::K8sAuditLog, &k8s("bob", "list", "secrets"));
        let key = |p: &str| UsageKey { system: System::Kubernetes, principal: p.into(), host: String::new() };
        let group = &acc.principals[&key("Group:ops")];
        assert!(!group.actor);
        assert_eq!(group.actions.iter().collect::<Vec<_>>(), vec!["get pods", "list secrets"]);
        let alice = &acc.principals[&key("User:alice")];
        assert_eq!((alice.events, alice.admin_events), (2, 0));
        assert_eq!(acc.principals[&key("User:bob")].admin_events, 1);

        for i in 0..MAX_ACTIONS + 5 {
            acc.observe(Kind::K8sAuditLog, &k8s("carol", "get", &format!("r{i}")));
        }
        let carol = &acc.principals[&key("User:carol")];
        assert_eq!(carol.actions.len(), MAX_ACTIONS);
        assert!(carol.capped());
        assert!(UsageAcc::for_kind(Kind::PostgresLog).is_none());
    }

    #[test]
    fn the_principal_cap_drops_and_counts_new_principals() {
        let mut acc = UsageAcc::default();
        for i in 0..MAX_PRINCIPALS + 3 {
            acc.observe(Kind::CloudtrailLog, &json!({"userIdentity": {"type": "IAMUser", "userName": format!("u{i}")}, "eventSource": "s3.amazonaws.com", "eventName": "ListBuckets"}));
        }
        assert_eq!(acc.principals.len(), MAX_PRINCIPALS);
        assert_eq!(acc.principals_dropped, 3);
        let mut merged = UsageAcc::default();
        merged.merge(acc);
        assert_eq!(merged.principals.len(), MAX_PRINCIPALS);
        assert_eq!(merged.principals_dropped, 3);
    }
}
