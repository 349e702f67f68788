import { officialDocumentEventDataType } from './firestore-protos.js';

/** A plain JSON value as a Firestore `Value` in protobufjs object form. */
export function toFirestoreValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { integerValue: value } : { doubleValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toFirestoreValue) } };
  return { mapValue: { fields: toFirestoreFields(value as Record<string, unknown>) } };
}

export function toFirestoreFields(doc: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, toFirestoreValue(value)]));
}

export const documentName = (path: string, projectId = 'demo-worker', database = '(default)'): string =>
  `projects/${projectId}/databases/${database}/documents/${path}`;

export interface DocumentEventInput {
  /** e.g. `flow_runs/<runId>`. */
  readonly path: string;
  readonly value?: Record<string, unknown>;
  readonly oldValue?: Record<string, unknown>;
  readonly updateMask?: readonly string[];
  readonly projectId?: string;
}

/** A protobuf-encoded `DocumentEventData`, as Eventarc sends for Firestore events. */
export function encodeDocumentEventData(input: DocumentEventInput): Uint8Array {
  const type = officialDocumentEventDataType();
  const name = documentName(input.path, input.projectId);
  const doc = (fields: Record<string, unknown>) => ({
    name,
    fields: toFirestoreFields(fields),
    createTime: { seconds: 1765794330, nanos: 0 },
    updateTime: { seconds: 1765794372, nanos: 500_000_000 },
  });
  const message = type.fromObject({
    ...(input.value ? { value: doc(input.value) } : {}),
    ...(input.oldValue ? { oldValue: doc(input.oldValue) } : {}),
    ...(input.updateMask ? { updateMask: { fieldPaths: [...input.updateMask] } } : {}),
  });
  return type.encode(message).finish();
}

export interface EventarcRequest {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const EVENT_TYPE = 'google.cloud.firestore.document.v1.updated';

interface EventAttributes {
  readonly id?: string;
  readonly type?: string;
  readonly path: string;
  readonly projectId?: string;
  readonly traceparent?: string;
}

function attributes(a: EventAttributes) {
  const projectId = a.projectId ?? 'demo-worker';
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

/** The HTTP request Eventarc makes in binary content mode: `ce-*` headers, protobuf body. */
export function binaryModeRequest(a: EventAttributes, data: Uint8Array): EventarcRequest {
  const headers: Record<string, string> = { 'content-type': 'application/protobuf' };
  for (const [key, value] of Object.entries(attributes(a))) headers[`ce-${key}`] = value;
  if (a.traceparent) headers['traceparent'] = a.traceparent;
  return { headers, body: Buffer.from(data) };
}

/** The same event in structured content mode: one JSON object with `data_base64`. */
export function structuredModeRequest(a: EventAttributes, data: Uint8Array): EventarcRequest {
  const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
  if (a.traceparent) headers['traceparent'] = a.traceparent;
  const body = { ...attributes(a), datacontenttype: 'application/protobuf', data_base64: Buffer.from(data).toString('base64') };
  return { headers, body: Buffer.from(JSON.stringify(body)) };
}
