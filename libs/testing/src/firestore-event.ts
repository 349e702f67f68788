import { encodeDocumentEventData } from '@worker-chart-export/adapter-eventarc';

/** The project the events name unless a test gives one. */
export const EVENT_PROJECT_ID = 'demo-worker';

const CREATE_TIME = { seconds: 1765794330, nanos: 0 };
const UPDATE_TIME = { seconds: 1765794372, nanos: 500_000_000 };
const EVENT_TYPE = 'google.cloud.firestore.document.v1.updated';

/** `projects/<projectId>/databases/(default)/documents/<path>`. */
export const documentNameOf = (path: string, projectId = EVENT_PROJECT_ID): string => `projects/${projectId}/databases/(default)/documents/${path}`;

/** The documents of one event: named by path (and project), or by a full resource name given as is. */
export type DocumentEventInput = ({ readonly path: string; readonly projectId?: string } | { readonly name: string }) & {
  readonly value?: Readonly<Record<string, unknown>>;
  readonly oldValue?: Readonly<Record<string, unknown>>;
  readonly updateMask?: readonly string[];
};

/**
 * A protobuf `DocumentEventData` as Eventarc sends for a Firestore write, encoded by the Eventarc adapter the
 * CLI's `events deliver` uses (fixed create and update times, so a test's bytes do not depend on the clock).
 */
export function documentEventBytes(input: DocumentEventInput): Uint8Array {
  const name = 'name' in input ? input.name : documentNameOf(input.path, input.projectId);
  const doc = (data: Readonly<Record<string, unknown>>) => ({ name, data, createTime: CREATE_TIME, updateTime: UPDATE_TIME });
  return encodeDocumentEventData({
    ...(input.value ? { value: doc(input.value) } : {}),
    ...(input.oldValue ? { oldValue: doc(input.oldValue) } : {}),
    ...(input.updateMask ? { updateMask: input.updateMask } : {}),
  });
}

/** An HTTP request as the worker's `POST /` receives it from Eventarc. */
export interface EventDelivery {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The CloudEvent attributes of a Firestore event; all but `path` have defaults. */
export interface EventAttributes {
  readonly id?: string;
  readonly type?: string;
  /** The document's path, e.g. `flow_runs/<runId>`. */
  readonly path: string;
  readonly projectId?: string;
  readonly traceparent?: string;
}

function attributes(a: EventAttributes): Record<string, string> {
  const projectId = a.projectId ?? EVENT_PROJECT_ID;
  return {
    id: a.id ?? 'evt-1',
    type: a.type ?? EVENT_TYPE,
    source: `//firestore.googleapis.com/projects/${projectId}/databases/(default)`,
    subject: `documents/${a.path}`,
    specversion: '1.0',
    time: '2025-12-15T10:26:12.500Z',
    project: projectId,
    database: '(default)',
    namespace: '(default)',
    document: a.path,
    location: 'europe-west1',
  };
}

/** The request Eventarc makes in binary content mode: `ce-*` headers, the protobuf data as the body. */
export function binaryModeRequest(a: EventAttributes, data: Uint8Array): EventDelivery {
  const headers: Record<string, string> = { 'content-type': 'application/protobuf' };
  for (const [key, value] of Object.entries(attributes(a))) headers[`ce-${key}`] = value;
  if (a.traceparent) headers['traceparent'] = a.traceparent;
  return { headers, body: Buffer.from(data) };
}

/** The same event in structured content mode: one JSON object carrying the data as `data_base64`. */
export function structuredModeRequest(a: EventAttributes, data: Uint8Array): EventDelivery {
  const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
  if (a.traceparent) headers['traceparent'] = a.traceparent;
  const body = { ...attributes(a), datacontenttype: 'application/protobuf', data_base64: Buffer.from(data).toString('base64') };
  return { headers, body: Buffer.from(JSON.stringify(body)) };
}

/** The Eventarc request (binary mode) for an update of `flow_runs/<runId>` whose new value is `doc`. */
export function flowRunUpdatedEvent(p: { id: string; projectId: string; doc: { runId: string } & Record<string, unknown> }): EventDelivery {
  const path = `flow_runs/${p.doc.runId}`;
  return binaryModeRequest({ id: p.id, path, projectId: p.projectId }, documentEventBytes({ path, projectId: p.projectId, value: p.doc }));
}
