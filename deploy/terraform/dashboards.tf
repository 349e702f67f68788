# One Monitoring dashboard over the log-based metrics of metrics.tf: Chart-IMG usage per minute, hour and day
# (the provider's quota is daily, per account), failures, and accounts out of quota. Monitoring → Dashboards,
# named after the service.

# Each chart sums a log-based metric per `period` as stacked bars, one per value of the metric labels in `group`
# (none: one bar); `filter` narrows the series.
locals {
  dashboard_charts = [
    {
      title  = "Chart-IMG calls per minute, by account"
      metric = google_logging_metric.chart_img_calls.name
      period = "60s"
      group  = ["account_id"]
    },
    {
      title  = "Chart-IMG calls per hour, by account"
      metric = google_logging_metric.chart_img_calls.name
      period = "3600s"
      group  = ["account_id"]
    },
    {
      title  = "Chart-IMG calls per day (UTC quota window), by account"
      metric = google_logging_metric.chart_img_calls.name
      period = "86400s"
      group  = ["account_id"]
    },
    {
      title  = "Failed Chart-IMG attempts per 5 minutes, by outcome"
      metric = google_logging_metric.chart_img_calls.name
      period = "300s"
      filter = " AND metric.label.\"outcome\"!=\"succeeded\""
      group  = ["outcome"]
    },
    {
      title  = "FAILED steps per hour, by error code"
      metric = google_logging_metric.failed_steps.name
      period = "3600s"
      group  = ["error_code"]
    },
    {
      title  = "Steps that found every account exhausted, per hour"
      metric = google_logging_metric.accounts_exhausted.name
      period = "3600s"
    },
    {
      title  = "Steps re-driven by the sweeper, per hour"
      metric = google_logging_metric.redriven.name
      period = "3600s"
    },
    {
      title  = "Steps failed STEP_LEASE_EXHAUSTED, per hour"
      metric = google_logging_metric.lease_exhausted.name
      period = "3600s"
    },
    {
      title  = "5xx responses per 5 minutes, by path"
      metric = google_logging_metric.http_5xx.name
      period = "300s"
      group  = ["path"]
    },
  ]
}

resource "google_monitoring_dashboard" "worker" {
  dashboard_json = jsonencode({
    displayName = "${var.service_name}: Chart-IMG usage and failures"
    mosaicLayout = {
      columns = 48
      tiles = [
        for i, chart in local.dashboard_charts : {
          xPos   = (i % 3) * 16
          yPos   = floor(i / 3) * 16
          width  = 16
          height = 16
          widget = {
            title = chart.title
            xyChart = {
              dataSets = [{
                plotType = "STACKED_BAR"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter = "metric.type=\"logging.googleapis.com/user/${chart.metric}\" AND resource.type=\"cloud_run_revision\"${try(chart.filter, "")}"
                    aggregation = {
                      alignmentPeriod    = chart.period
                      perSeriesAligner   = "ALIGN_DELTA"
                      crossSeriesReducer = "REDUCE_SUM"
                      groupByFields      = [for label in try(chart.group, []) : "metric.label.\"${label}\""]
                    }
                  }
                }
              }]
              yAxis = { scale = "LINEAR" }
            }
          }
        }
      ]
    }
  })
}
