# Three identities: the worker itself (runtime), the Eventarc trigger and the scheduler job. The callers
# may only invoke this one service; the runtime account gets each data role on its resource only.

resource "google_service_account" "runtime" {
  account_id   = "${var.service_name}-run"
  display_name = "${var.service_name} runtime"
}

resource "google_service_account" "trigger" {
  account_id   = "${var.service_name}-evt"
  display_name = "${var.service_name} Eventarc trigger"
}

resource "google_service_account" "scheduler" {
  account_id   = "${var.service_name}-sweep"
  display_name = "${var.service_name} sweeper (Cloud Scheduler OIDC)"
}

# Firestore: read/write flow_runs, chart_img_accounts_usage, chart_export_leases, read chart_templates.
# Firestore IAM has no collection scope; the condition narrows the role to the one database.
resource "google_project_iam_member" "runtime_firestore" {
  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.runtime.email}"

  condition {
    title      = "only-${replace(var.firestore_database, "/[^a-zA-Z0-9-]/", "")}-database"
    expression = "resource.name == \"projects/${var.project_id}/databases/${var.firestore_database}\""
  }
}

# The worker creates PNGs (create-only), reads and lists a step's objects (PNGs stored by an earlier attempt)
# and overwrites the manifest (which needs delete): objectAdmin on this bucket only.
resource "google_storage_bucket_iam_member" "runtime_objects" {
  bucket = google_storage_bucket.charts.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_secret_manager_secret_iam_member" "runtime_accounts" {
  secret_id = google_secret_manager_secret.accounts.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_project_iam_member" "runtime_logging" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_project_iam_member" "trigger_event_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.trigger.email}"
}

# The two callers, the trigger and the scheduler, may invoke this service.
resource "google_cloud_run_v2_service_iam_member" "invoker" {
  for_each = {
    trigger   = google_service_account.trigger.email
    scheduler = google_service_account.scheduler.email
  }

  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.worker.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${each.value}"
}

# Deploys made when each caller had a resource of its own keep their bindings.
moved {
  from = google_cloud_run_v2_service_iam_member.trigger_invoker
  to   = google_cloud_run_v2_service_iam_member.invoker["trigger"]
}

moved {
  from = google_cloud_run_v2_service_iam_member.scheduler_invoker
  to   = google_cloud_run_v2_service_iam_member.invoker["scheduler"]
}

# Pub/Sub mints the OIDC tokens of Eventarc's push deliveries; projects created before 8 April 2021 need
# the grant made explicitly.
resource "google_project_iam_member" "pubsub_token_creator" {
  count = var.grant_pubsub_token_creator ? 1 : 0

  project = var.project_id
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}
