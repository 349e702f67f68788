# The Chart-IMG accounts JSON ([{ "id", "apiKey", "plan", "dailyLimit", "priority" }]). Terraform creates the
# secret only: its value is added out of band (gcloud secrets versions add), so no key enters the state.
resource "google_secret_manager_secret" "accounts" {
  secret_id = var.accounts_secret_id

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}
