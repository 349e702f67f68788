variable "project_id" {
  description = "The GCP project id."
  type        = string
}

variable "region" {
  description = "Region of the Cloud Run service, the Artifact Registry repository and the scheduler job (e.g. europe-west1)."
  type        = string
}

variable "firestore_location" {
  description = "Location of the Firestore database (gcloud firestore databases list): eur3, nam5 or a region. The Eventarc trigger goes to that region, or for eur3/nam5 to the region Eventarc maps it to (eventarc.tf)."
  type        = string
}

variable "firestore_database" {
  description = "Firestore database id holding flow_runs, chart_templates, chart_img_accounts_usage and chart_export_leases."
  type        = string
  default     = "(default)"
}

variable "charts_bucket" {
  description = "Name (without gs://) of the bucket for chart PNGs and manifests; created here, publicly readable."
  type        = string
}

variable "charts_retention_days" {
  description = "Days after which the bucket deletes a chart PNG or manifest (lifecycle rule); 0 keeps them forever."
  type        = number
  default     = 90

  validation {
    condition     = var.charts_retention_days >= 0 && floor(var.charts_retention_days) == var.charts_retention_days
    error_message = "charts_retention_days must be a whole number of days, 0 or more."
  }
}

variable "bucket_location" {
  description = "Location of the charts bucket; defaults to var.region."
  type        = string
  default     = null
}

variable "image" {
  description = "The worker's container image, e.g. europe-west1-docker.pkg.dev/PROJECT/worker-chart-export/worker:TAG (pin a digest in prod)."
  type        = string
}

variable "service_name" {
  description = "Name of the Cloud Run service (also the prefix of the other resources)."
  type        = string
  default     = "worker-chart-export"
}

variable "env" {
  description = "ENV of the worker: prod, staging, dev ... (the env field of every log line; record mode is refused in prod)."
  type        = string
  default     = "prod"
}

variable "charts_api_mode" {
  description = "CHARTS_API_MODE: real (prod) or mock (fixtures in the image, no quota: staging smoke tests). record saves fixtures, which the image cannot (read-only, non-root): run it with the CLI."
  type        = string
  default     = "real"

  validation {
    condition     = contains(["real", "mock"], var.charts_api_mode)
    error_message = "charts_api_mode must be real or mock (record saves fixtures: the image refuses it; record with the CLI's run-local)."
  }
}

variable "accounts_secret_id" {
  description = "Secret Manager secret holding the Chart-IMG accounts JSON (CHART_IMG_ACCOUNTS_JSON). Its value is added out of band."
  type        = string
  default     = "chart-img-accounts"
}

variable "log_level" {
  description = "LOG_LEVEL: debug, info, warn or error."
  type        = string
  default     = "info"
}

variable "step_deadline_ms" {
  description = "CHART_EXPORT_STEP_DEADLINE_MS: wall-clock budget of a step's rendering."
  type        = number
  default     = 240000
}

variable "lease_ttl_ms" {
  description = "CHART_EXPORT_LEASE_TTL_MS: a step's lease; must exceed step_deadline_ms."
  type        = number
  default     = 300000
}

variable "extra_env" {
  description = "More worker variables (CHART_EXPORT_CONCURRENCY, CHART_IMG_MAX_ATTEMPTS, CHART_IMG_ATTEMPT_TIMEOUT_MS, SWEEPER_MAX_ATTEMPTS, CHARTS_DEFAULT_TIMEZONE, CHART_IMG_BASE_URL, CHART_RENDER_FALLBACK, SHUTDOWN_GRACE_MS). Never a secret, never a variable set from a checked Terraform variable."
  type        = map(string)
  default     = {}

  # Merged last, a name below would silently override a checked variable (the bucket, the deadline and the
  # lease that the preconditions compare), the secret, or what the image or Cloud Run fixes.
  validation {
    condition = length(setintersection(keys(var.extra_env), [
      "CHARTS_BUCKET", "CHARTS_API_MODE", "ENV", "LOG_LEVEL", "GOOGLE_CLOUD_PROJECT", "FIRESTORE_DATABASE",
      "CHART_EXPORT_STEP_DEADLINE_MS", "CHART_EXPORT_LEASE_TTL_MS", "CHART_IMG_ACCOUNTS_JSON",
      "CHARTS_FIXTURES_READ_ONLY", "PORT",
      "FIRESTORE_EMULATOR_HOST", "STORAGE_EMULATOR_HOST", "CHARTS_STORAGE", "CHARTS_STORAGE_DIR",
    ])) == 0
    error_message = "extra_env may not set CHARTS_BUCKET, CHARTS_API_MODE, ENV, LOG_LEVEL, GOOGLE_CLOUD_PROJECT, FIRESTORE_DATABASE, CHART_EXPORT_STEP_DEADLINE_MS, CHART_EXPORT_LEASE_TTL_MS (use their Terraform variables), CHART_IMG_ACCOUNTS_JSON (Secret Manager only), CHARTS_FIXTURES_READ_ONLY (the image's), PORT (Cloud Run's), or the emulator and local-files variables FIRESTORE_EMULATOR_HOST, STORAGE_EMULATOR_HOST, CHARTS_STORAGE, CHARTS_STORAGE_DIR (a deployed service writes to its bucket)."
  }
}

variable "request_timeout_seconds" {
  description = "Cloud Run request timeout: above the step deadline, with room for the manifest and the finalize."
  type        = number
  default     = 600

  validation {
    # A sweep (POST /sweep) settles leases for at most 540 s and then answers: a shorter request would be cut
    # off mid-sweep.
    condition     = var.request_timeout_seconds >= 600 && var.request_timeout_seconds <= 3600
    error_message = "request_timeout_seconds must be between 600 (a sweep's 540 s budget plus its answer) and 3600 (Cloud Run's maximum)."
  }
}

variable "container_concurrency" {
  description = "Requests one instance serves at once. Skipped events cost microseconds and steps wait on I/O; claims and leases make duplicates safe."
  type        = number
  default     = 10
}

variable "max_instances" {
  description = "Upper bound of instances. Few instances keep the in-process per-account Chart-IMG rate limiter meaningful."
  type        = number
  default     = 3
}

variable "cpu" {
  description = "CPU limit of an instance."
  type        = string
  default     = "1"
}

variable "memory" {
  description = "Memory limit of an instance."
  type        = string
  default     = "512Mi"
}

variable "ingress" {
  description = "Cloud Run ingress. Eventarc, Pub/Sub and Cloud Scheduler of the same project reach an internal-only service; every caller still needs roles/run.invoker."
  type        = string
  default     = "INGRESS_TRAFFIC_INTERNAL_ONLY"
}

variable "event_types" {
  description = "Firestore event types routed to the worker. document.v1.written covers creates and updates; adding document.v1.updated only duplicates deliveries (the claim makes them harmless)."
  type        = list(string)
  default     = ["google.cloud.firestore.document.v1.written"]

  validation {
    condition     = alltrue([for t in var.event_types : contains(["google.cloud.firestore.document.v1.written", "google.cloud.firestore.document.v1.updated"], t)])
    error_message = "event_types may hold google.cloud.firestore.document.v1.written and google.cloud.firestore.document.v1.updated."
  }
}

variable "sweep_schedule" {
  description = "Cron schedule of POST /sweep (Cloud Scheduler)."
  type        = string
  default     = "*/5 * * * *"
}

variable "grant_pubsub_token_creator" {
  description = "Grant the Pub/Sub service agent roles/iam.serviceAccountTokenCreator (needed only in projects created before 8 April 2021)."
  type        = bool
  default     = false
}

variable "notification_channels" {
  description = "Cloud Monitoring notification channel ids (projects/P/notificationChannels/N) for the alert policies."
  type        = list(string)
  default     = []
}

variable "alert_thresholds" {
  description = "Alert thresholds per 5-minute window."
  type = object({
    http_5xx      = number
    failed_steps  = number
    redriven      = number
    chart_api_err = number
  })
  default = {
    http_5xx      = 5
    failed_steps  = 3
    redriven      = 5
    chart_api_err = 10
  }
}

variable "deletion_protection" {
  description = "Protect the Cloud Run service from terraform destroy."
  type        = bool
  default     = true
}
