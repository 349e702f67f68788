# Alert policies over the log-based metrics of metrics.tf; each names what to look at in docs/deploy.md.
# Monitoring knows a new log-based metric only some minutes after its creation (until then creating a policy
# on it answers 404), so docs/deploy.md creates the metrics in the first, targeted apply and these later.

# Each policy fires when its metric, summed over 5 minutes per value of the metric labels in `group_by`, exceeds
# `threshold` (none: any occurrence); `filter` narrows the series.
locals {
  alerts = {
    accounts_exhausted = {
      name   = "every Chart-IMG account is out of quota"
      metric = google_logging_metric.accounts_exhausted.name
      doc    = "A step found every Chart-IMG account exhausted: its charts fail with CHART_API_LIMIT_EXCEEDED until the daily windows reset. Check `npm run --silent cli -- accounts status`, then add an account or raise a plan (docs/deploy.md, Update)."
    }
    lease_exhausted = {
      name   = "CHART_EXPORT steps stuck (lease exhausted)"
      metric = google_logging_metric.lease_exhausted.name
      doc    = "The sweeper failed a step with STEP_LEASE_EXHAUSTED: its worker kept dying (crash, OOM, request timeout). Filter the logs by jsonPayload.runId and look for worker restarts."
    }
    failed_steps = {
      name      = "CHART_EXPORT steps failing"
      metric    = google_logging_metric.failed_steps.name
      threshold = var.alert_thresholds.failed_steps
      group_by  = ["error_code"]
      doc       = "More CHART_EXPORT steps than usual ended FAILED in 5 minutes; the error_code label says why (VALIDATION_FAILED: the orchestrator's inputs; CHART_API_FAILED / CHART_API_LIMIT_EXCEEDED: the provider or the quota; CHART_API_MOCK_MISSING: a mock-mode deploy without the fixture; GCS_WRITE_FAILED / MANIFEST_WRITE_FAILED: the bucket or the runtime account's role)."
    }
    redriven = {
      name      = "CHART_EXPORT retry storm (steps re-driven)"
      metric    = google_logging_metric.redriven.name
      threshold = var.alert_thresholds.redriven
      doc       = "The sweeper re-drove many steps in 5 minutes: workers are dying or timing out mid-step. Compare request timeouts, memory and restarts of the service."
    }
    http_5xx = {
      name      = "worker 5xx responses"
      metric    = google_logging_metric.http_5xx.name
      threshold = var.alert_thresholds.http_5xx
      group_by  = ["path"]
      doc       = "The worker answers 5xx: on / a 503 means an infrastructure error before the claim (Firestore unreachable ...) and Eventarc redelivers; on /sweep a 500 means the leases could not be listed."
    }
    chart_api_errors = {
      name      = "Chart-IMG attempts failing"
      metric    = google_logging_metric.chart_img_calls.name
      threshold = var.alert_thresholds.chart_api_err
      group_by  = ["account_id", "outcome"]
      filter    = " AND metric.label.outcome!=\"succeeded\""
      doc       = "Many Chart-IMG HTTP attempts failed in 5 minutes, by account and outcome: key-rejected (a revoked key: fix the secret), quota-exhausted (the account's daily quota at the provider), plan-limit (a template the plan cannot serve), retriable (provider 5xx, timeouts, network errors, 429 Too Many Requests) or fatal (a request the provider refuses)."
    }
  }
}

resource "google_monitoring_alert_policy" "worker" {
  for_each = local.alerts

  display_name          = "${var.service_name}: ${each.value.name}"
  combiner              = "OR"
  notification_channels = var.notification_channels

  conditions {
    display_name = each.value.name

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${each.value.metric}\" AND resource.type=\"cloud_run_revision\"${try(each.value.filter, "")}"
      comparison      = "COMPARISON_GT"
      threshold_value = try(each.value.threshold, 0)
      duration        = "0s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = [for label in try(each.value.group_by, []) : "metric.label.${label}"]
      }

      trigger {
        count = 1
      }
    }
  }

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    content   = each.value.doc
    mime_type = "text/markdown"
  }
}
