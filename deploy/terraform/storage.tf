# PNGs and manifests: uniform bucket-level access, so no object ACL can widen or narrow what IAM grants.
# The public may read an object whose name it knows (a manifest's URL, the PNG URLs it lists) but not list
# the bucket: roles/storage.legacyObjectReader holds storage.objects.get only, where objectViewer would add
# storage.objects.list and expose every run.
resource "google_storage_bucket" "charts" {
  name                        = var.charts_bucket
  location                    = coalesce(var.bucket_location, var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  force_destroy               = false

  # Charts are inputs of one flow run; old runs' objects are deleted after charts_retention_days.
  dynamic "lifecycle_rule" {
    for_each = var.charts_retention_days > 0 ? [var.charts_retention_days] : []
    content {
      condition {
        age = lifecycle_rule.value
      }
      action {
        type = "Delete"
      }
    }
  }

  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_iam_member" "charts_public_read" {
  bucket = google_storage_bucket.charts.name
  role   = "roles/storage.legacyObjectReader"
  member = "allUsers"
}
