import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

// Eventarc's wrapper over Google's own Firestore protos (shipped with @google-cloud/firestore): the body
// of a `google.cloud.firestore.document.v1.*` event in binary content mode.
const WRAPPER = `
syntax = "proto3";
package google.events.cloud.firestore.v1;
message DocumentEventData {
  google.firestore.v1.Document value = 1;
  google.firestore.v1.Document old_value = 2;
  google.firestore.v1.DocumentMask update_mask = 3;
}
`;

let cached: protobuf.Type | undefined;

function documentEventDataType(): protobuf.Type {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const protosDir = join(dirname(require.resolve('@google-cloud/firestore')), '..', 'protos');
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protosDir, target);
  root.loadSync(['google/firestore/v1/document.proto', 'google/firestore/v1/common.proto'], { keepCase: false });
  protobuf.parse(WRAPPER, root, { keepCase: false });
  root.resolveAll();
  cached = root.lookupType('google.events.cloud.firestore.v1.DocumentEventData');
  return cached;
}

function toValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { integerValue: value } : { doubleValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toValue) } };
  return { mapValue: { fields: toFields(value as Record<string, unknown>) } };
}

function toFields(doc: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, toValue(value)]));
}

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
  const type = documentEventDataType();
  const message = type.fromObject({
    value: {
      name: `projects/${p.projectId}/databases/(default)/documents/${path}`,
      fields: toFields(p.doc),
      createTime: { seconds: 1765794330, nanos: 0 },
      updateTime: { seconds: 1765794372, nanos: 0 },
    },
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
  return { headers, body: Buffer.from(type.encode(message).finish()) };
}
