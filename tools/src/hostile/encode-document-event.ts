import protobuf from 'protobufjs';

// Eventarc's Firestore payload, google.events.cloud.firestore.v1.DocumentEventData, as far as a corpus case
// needs it to build a body (field numbers of google/firestore/v1/document.proto).
const PROTO = `
syntax = "proto3";
package hostile;
message DocumentEventData { Document value = 1; Document old_value = 2; DocumentMask update_mask = 3; }
message DocumentMask { repeated string field_paths = 1; }
message Document { string name = 1; map<string, Value> fields = 2; }
message Value {
  oneof value_type {
    NullValue null_value = 11;
    bool boolean_value = 1;
    int64 integer_value = 2;
    double double_value = 3;
    string string_value = 17;
    ArrayValue array_value = 9;
    MapValue map_value = 6;
  }
}
message ArrayValue { repeated Value values = 1; }
message MapValue { map<string, Value> fields = 1; }
enum NullValue { NULL_VALUE = 0; }
`;

const DocumentEventData = protobuf.parse(PROTO).root.lookupType('hostile.DocumentEventData');

/** `projects/<p>/databases/(default)/documents/<path>`. */
export const documentNameOf = (path: string, projectId = 'demo-hostile'): string => `projects/${projectId}/databases/(default)/documents/${path}`;

/** A protobuf `DocumentEventData` holding the documents `value` / `oldValue` named `name`. */
export function encodeDocumentEvent(p: { name: string; value?: Record<string, unknown>; oldValue?: Record<string, unknown> }): Uint8Array {
  const doc = (fields: Record<string, unknown>) => ({ name: p.name, fields: fieldsOf(fields) });
  const message = DocumentEventData.fromObject({
    ...(p.value ? { value: doc(p.value) } : {}),
    ...(p.oldValue ? { oldValue: doc(p.oldValue) } : {}),
  });
  return DocumentEventData.encode(message).finish();
}

function fieldsOf(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, valueOf(value)]));
}

function valueOf(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { integerValue: value } : { doubleValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(valueOf) } };
  return { mapValue: { fields: fieldsOf(value as Record<string, unknown>) } };
}
