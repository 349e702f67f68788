# Eventarc has no multi-region locations for Firestore triggers: a database in a multi-region is served by
# the Eventarc region Google maps it to (https://cloud.google.com/firestore/docs/eventarc, "Eventarc and
# Firestore locations"). A database in a single region has its trigger in that region.
locals {
  firestore_multi_region_to_eventarc = {
    nam5 = "us-central1"
    eur3 = "europe-west4"
  }
  eventarc_location = lookup(local.firestore_multi_region_to_eventarc, var.firestore_location, var.firestore_location)
}

# Firestore document events of flow_runs/{runId}, delivered as protobuf DocumentEventData (the worker's
# fast filter decodes it and skips documents without a READY CHART_EXPORT step, without reading Firestore).
resource "google_eventarc_trigger" "flow_runs" {
  for_each = toset(var.event_types)

  name                    = "${var.service_name}-${element(split(".", each.value), length(split(".", each.value)) - 1)}"
  location                = local.eventarc_location
  service_account         = google_service_account.trigger.email
  event_data_content_type = "application/protobuf"

  matching_criteria {
    attribute = "type"
    value     = each.value
  }

  matching_criteria {
    attribute = "database"
    value     = var.firestore_database
  }

  matching_criteria {
    attribute = "document"
    value     = "flow_runs/{runId}"
    operator  = "match-path-pattern"
  }

  destination {
    cloud_run_service {
      service = google_cloud_run_v2_service.worker.name
      region  = var.region
      path    = "/"
    }
  }

  depends_on = [
    google_project_iam_member.trigger_event_receiver,
    google_cloud_run_v2_service_iam_member.invoker["trigger"],
  ]
}
