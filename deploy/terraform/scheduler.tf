# The sweeper: every 5 minutes, POST /sweep with an OIDC token of the scheduler's account. It settles
# steps whose lease expired (re-drive, or FAILED with STEP_LEASE_EXHAUSTED after the bounded attempts).
resource "google_cloud_scheduler_job" "sweep" {
  name             = "${var.service_name}-sweep"
  region           = var.region
  schedule         = var.sweep_schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "${min(var.request_timeout_seconds, 1800)}s"

  # A failed sweep is simply the next one's work: no retries that could pile up behind a slow re-drive.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.worker.uri}/sweep"

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloud_run_v2_service.worker.uri
    }
  }

  depends_on = [google_cloud_run_v2_service_iam_member.invoker["scheduler"]]
}
