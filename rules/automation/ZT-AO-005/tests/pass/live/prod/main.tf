terraform {
  cloud {
    organization = "acme"
    workspaces {
      name = "identity-prod"
    }
  }
}
