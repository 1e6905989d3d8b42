# Trap: writing Kubernetes auth roles lets you bind any service account to any policy.
path "auth/kubernetes/role/*" {
  # ruleid: ZT-ID-082
  capabilities = ["create", "update", "read", "list"]
}
