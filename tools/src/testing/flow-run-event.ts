import { documentNameOf, encodeDocumentEventData } from './document-event-data.js';

/** An Eventarc delivery as the worker's `POST /` receives it. */
export interface EventDelivery {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * The Eventarc request (binary content mode, protobuf `DocumentEventData`) for an update of
 * `flow_runs/<runId>` whose new value is `doc`.
 */
export function flowRunUpdatedEvent(p: { id: string; projectId: string; doc: { runId: string } & Record<string, unknown> }): EventDelivery {
  const path = `flow_runs/${p.doc.runId}`;
  const data = encodeDocumentEventData({
    name: documentNameOf(path, p.projectId),
    value: p.doc,
    times: { createTime: { seconds: 1765794330, nanos: 0 }, updateTime: { seconds: 1765794372, nanos: 0 } },
  });
  const headers: Record<string, string> = {
    'content-type': 'application/protobuf',
    'ce-id': p.id,
    'ce-type': 'google.cloud.firestore.document.v1.updated',
    'ce-source': `//firestore.googleapis.com/projects/${p.projectId}/databases/(default)`,
    'ce-subject': `documents/${path}`,
    'ce-specversion': '1.0',
    'ce-time': '2025-12-15T10:26:12.500Z',
    'ce-project': p.projectId,
    'ce-database': '(default)',
    'ce-namespace': '(default)',
    'ce-document': path,
    'ce-location': 'europe-west1',
  };
  return { headers, body: Buffer.from(data) };
}
