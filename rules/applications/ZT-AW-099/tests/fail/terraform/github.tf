# Trap 1: reviews and checks required, but enforce_admins left at its default (false).
resource "github_branch_protection" "main" {
  repository_id = github_repository.shop.node_id
  pattern       = "main"

  required_status_checks {
    strict   = true
    contexts = ["ci / test"]
  }

  required_pull_request_reviews {
    required_approving_review_count = 1
  }
}

# Trap 2: a ruleset that only evaluates (reports) instead of enforcing.
resource "github_repository_ruleset" "main" {
  name        = "main"
  repository  = github_repository.shop.name
  target      = "branch"
  enforcement = "evaluate"

  conditions {
    ref_name {
      include = ["~DEFAULT_BRANCH"]
      exclude = []
    }
  }

  rules {
    pull_request {
      required_approving_review_count = 1
    }
    required_status_checks {
      required_check {
        context = "ci / test"
      }
    }
  }
}

# Trap 3: enforced for admins, but zero approvals required.
resource "github_branch_protection" "release" {
  repository_id  = github_repository.shop.node_id
  pattern        = "release/*"
  enforce_admins = true

  required_status_checks {
    contexts = ["ci / test"]
  }

  required_pull_request_reviews {
    required_approving_review_count = 0
  }
}
