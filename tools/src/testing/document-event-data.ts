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

/** `google.events.cloud.firestore.v1.DocumentEventData` over the SDK's `google/firestore/v1/document.proto`. */
export function documentEventDataType(): protobuf.Type {
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

/** A plain JSON value as a Firestore `Value` in protobufjs object form. */
export function toFirestoreValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { integerValue: value } : { doubleValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toFirestoreValue) } };
  return { mapValue: { fields: toFirestoreFields(value as Record<string, unknown>) } };
}

/** A plain JSON object as the `fields` of a Firestore `Document`. */
export function toFirestoreFields(doc: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, toFirestoreValue(value)]));
}

/** `projects/<projectId>/databases/(default)/documents/<path>`. */
export const documentNameOf = (path: string, projectId: string): string => `projects/${projectId}/databases/(default)/documents/${path}`;

/** A protobuf `Timestamp` in protobufjs object form. */
export interface ProtoTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** What goes into one `DocumentEventData`: the documents `value` / `oldValue`, both named `name`. */
export interface DocumentEventDataInput {
  readonly name: string;
  readonly value?: Record<string, unknown>;
  readonly oldValue?: Record<string, unknown>;
  /** Set on each document as Firestore sets them; left out when absent. */
  readonly times?: { readonly createTime: ProtoTimestamp; readonly updateTime: ProtoTimestamp };
}

/** A protobuf-encoded `DocumentEventData`, as Eventarc sends for Firestore events. */
export function encodeDocumentEventData(input: DocumentEventDataInput): Uint8Array {
  const type = documentEventDataType();
  const doc = (fields: Record<string, unknown>) => ({ name: input.name, fields: toFirestoreFields(fields), ...input.times });
  const message = type.fromObject({
    ...(input.value ? { value: doc(input.value) } : {}),
    ...(input.oldValue ? { oldValue: doc(input.oldValue) } : {}),
  });
  return type.encode(message).finish();
}
