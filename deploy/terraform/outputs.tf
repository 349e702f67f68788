output "service_uri" {
  description = "The worker's URL (IAM-protected)."
  value       = google_cloud_run_v2_service.worker.uri
}

output "charts_bucket" {
  description = "The bucket of PNGs and manifests; objects are public at https://storage.googleapis.com/BUCKET/OBJECT."
  value       = "gs://${google_storage_bucket.charts.name}"
}

output "image_repository" {
  description = "Push the image here."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "eventarc_location" {
  description = "Where the Firestore trigger lives: the database's region, or the region Eventarc maps its multi-region to."
  value       = local.eventarc_location
}

output "runtime_service_account" {
  value = google_service_account.runtime.email
}

output "trigger_service_account" {
  value = google_service_account.trigger.email
}

output "scheduler_service_account" {
  value = google_service_account.scheduler.email
}

output "accounts_secret" {
  description = "Add the accounts JSON as a version of this secret."
  value       = google_secret_manager_secret.accounts.secret_id
}
