# Log-based metrics. They select on the worker's structured log lines: `event` names and fields as listed in
# docs/log-events.md (tools/src/deploy checks every name and field against that catalog). No decision of the
# worker ever reads them.

locals {
  metric_prefix = replace(var.service_name, "-", "_")
  worker_logs   = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${var.service_name}\""
  request_logs  = "${local.worker_logs} AND log_name=\"projects/${var.project_id}/logs/run.googleapis.com%2Frequests\""
}

# Every Chart-IMG HTTP attempt (fixture replays and attempts the local rate limiter never sent excluded: they
# never count toward quota), by account and outcome.
resource "google_logging_metric" "chart_img_calls" {
  name        = "${local.metric_prefix}_chart_img_calls"
  description = "Chart-IMG HTTP attempts by account and outcome (chart_api.call.finished, source http)."
  filter      = "${local.worker_logs} AND jsonPayload.event=\"chart_api.call.finished\" AND jsonPayload.chartsApi.source=\"http\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Chart-IMG calls"

    labels {
      key         = "account_id"
      value_type  = "STRING"
      description = "The Chart-IMG account (its id, never its key)."
    }
    labels {
      key         = "outcome"
      value_type  = "STRING"
      description = "chartsApi.outcome: succeeded, retriable (5xx, timeout, network, 429 Too Many Requests, not a PNG), quota-exhausted (429 Limit Exceeded), key-rejected (403 Forbidden), plan-limit (403 Exceed Max Usage) or fatal."
    }
  }

  label_extractors = {
    account_id = "EXTRACT(jsonPayload.chartsApi.accountId)"
    outcome    = "EXTRACT(jsonPayload.chartsApi.outcome)"
  }
}

# CHART_EXPORT steps finalized FAILED, by error.code (the step.completed WARNING line with transition.to FAILED;
# the other step.completed WARNING, a lease that could not be closed, carries no transition).
resource "google_logging_metric" "failed_steps" {
  name        = "${local.metric_prefix}_failed_steps"
  description = "CHART_EXPORT steps finalized FAILED, by error.code."
  filter      = "${local.worker_logs} AND jsonPayload.event=\"step.completed\" AND severity=WARNING AND jsonPayload.transition.to=\"FAILED\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Failed CHART_EXPORT steps"

    labels {
      key         = "error_code"
      value_type  = "STRING"
      description = "error.code: VALIDATION_FAILED, CHART_API_FAILED, CHART_API_LIMIT_EXCEEDED, CHART_API_MOCK_MISSING, GCS_WRITE_FAILED or MANIFEST_WRITE_FAILED."
    }
  }

  label_extractors = {
    error_code = "EXTRACT(jsonPayload.error.code)"
  }
}

# Every configured account out of quota (once per step).
resource "google_logging_metric" "accounts_exhausted" {
  name        = "${local.metric_prefix}_accounts_exhausted"
  description = "Steps that found every Chart-IMG account out of quota (chart_api.accounts_exhausted)."
  filter      = "${local.worker_logs} AND jsonPayload.event=\"chart_api.accounts_exhausted\" AND severity=ERROR"

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "All Chart-IMG accounts exhausted"
  }
}

# 5xx answers of the service (Cloud Run request logs): 503 = an event before its claim failed on
# infrastructure and Eventarc redelivers it; 500 = a sweep could not list leases, or a route crashed.
resource "google_logging_metric" "http_5xx" {
  name        = "${local.metric_prefix}_http_5xx"
  description = "Responses of the service with status 500-599, by path."
  filter      = "${local.request_logs} AND httpRequest.status>=500"

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Worker 5xx responses"

    labels {
      key         = "path"
      value_type  = "STRING"
      description = "/ (events) or /sweep."
    }
  }

  label_extractors = {
    path = "REGEXP_EXTRACT(httpRequest.requestUrl, \"https?://[^/]+(/[^?]*)\")"
  }
}

# Stuck runs: a step whose worker kept dying, failed by the sweeper after the bounded re-drives.
resource "google_logging_metric" "lease_exhausted" {
  name        = "${local.metric_prefix}_lease_exhausted"
  description = "Steps failed with STEP_LEASE_EXHAUSTED by the sweeper (step.lease_exhausted)."
  filter      = "${local.worker_logs} AND jsonPayload.event=\"step.lease_exhausted\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Steps stuck (lease exhausted)"
  }
}

# Retry storms: the sweeper re-driving steps whose lease expired.
resource "google_logging_metric" "redriven" {
  name        = "${local.metric_prefix}_redriven"
  description = "Steps re-driven by the sweeper after their lease expired (step.redriven)."
  filter      = "${local.worker_logs} AND jsonPayload.event=\"step.redriven\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Steps re-driven"
  }
}
