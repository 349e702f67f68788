# Every API the resources below call. serviceusage.googleapis.com (which enables the others) and
# cloudresourcemanager.googleapis.com (project IAM members, data.google_project) must be on before the first
# plan: docs/deploy.md enables them with gcloud; listing them here keeps them on.
locals {
  apis = [
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "eventarc.googleapis.com",
    "eventarcpublishing.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "serviceusage.googleapis.com",
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "apis" {
  for_each = toset(local.apis)

  service            = each.value
  disable_on_destroy = false
}

# The image lives here; Cloud Build or docker pushes to it before the service is created (docs/deploy.md).
resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = var.service_name
  format        = "DOCKER"
  description   = "Container images of ${var.service_name}"

  depends_on = [google_project_service.apis]
}
