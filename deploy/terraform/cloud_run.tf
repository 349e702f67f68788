# The variables set from validated Terraform variables; extra_env may not name any of them (variables.tf).
locals {
  worker_env_validated = {
    CHARTS_BUCKET                 = "gs://${google_storage_bucket.charts.name}"
    CHARTS_API_MODE               = var.charts_api_mode
    ENV                           = var.env
    LOG_LEVEL                     = var.log_level
    GOOGLE_CLOUD_PROJECT          = var.project_id
    FIRESTORE_DATABASE            = var.firestore_database
    CHART_EXPORT_STEP_DEADLINE_MS = tostring(var.step_deadline_ms)
    CHART_EXPORT_LEASE_TTL_MS     = tostring(var.lease_ttl_ms)
  }
  worker_env = merge(local.worker_env_validated, var.extra_env)
}

# The worker: Eventarc CloudEvents on POST /, the sweeper on POST /sweep, GET /healthz for the startup
# probe. No unauthenticated access: only the trigger's and the scheduler's accounts may invoke it.
resource "google_cloud_run_v2_service" "worker" {
  name                = var.service_name
  location            = var.region
  ingress             = var.ingress
  deletion_protection = var.deletion_protection

  template {
    service_account                  = google_service_account.runtime.email
    timeout                          = "${var.request_timeout_seconds}s"
    max_instance_request_concurrency = var.container_concurrency

    scaling {
      min_instance_count = 0
      max_instance_count = var.max_instances
    }

    containers {
      image = var.image

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = var.cpu
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = local.worker_env
        content {
          name  = env.key
          value = env.value
        }
      }

      # Mock mode needs no accounts, so a staging deploy in mock mode works before the secret has a version.
      dynamic "env" {
        for_each = var.charts_api_mode == "mock" ? [] : [1]
        content {
          name = "CHART_IMG_ACCOUNTS_JSON"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.accounts.secret_id
              version = "latest"
            }
          }
        }
      }

      # /healthz answers as soon as the server listens (about 0.5 s); the SDKs load right after.
      startup_probe {
        initial_delay_seconds = 0
        period_seconds        = 1
        timeout_seconds       = 1
        failure_threshold     = 30
        http_get {
          path = "/healthz"
          port = 8080
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.request_timeout_seconds * 1000 > var.step_deadline_ms
      error_message = "request_timeout_seconds must exceed step_deadline_ms, or Cloud Run cuts steps off before their deadline."
    }
    precondition {
      condition     = var.lease_ttl_ms > var.step_deadline_ms
      error_message = "lease_ttl_ms must exceed step_deadline_ms (the worker refuses to start otherwise)."
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_iam_member.runtime_accounts,
    google_storage_bucket_iam_member.runtime_objects,
    google_project_iam_member.runtime_firestore,
  ]
}
