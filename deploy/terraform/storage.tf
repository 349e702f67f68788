# PNGs and manifests: public read through IAM (allUsers objectViewer), uniform bucket-level access,
# so no object ACL can widen or narrow it (runbook 1.2).
resource "google_storage_bucket" "charts" {
  name                        = var.charts_bucket
  location                    = coalesce(var.bucket_location, var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  force_destroy               = false

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_iam_member" "charts_public_read" {
  bucket = google_storage_bucket.charts.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
