import protobuf from 'protobufjs';
import { toFirestoreFields, type ProtoTimestamp } from './firestore-value.js';

// The Eventarc payload for Firestore events, `google.events.cloud.firestore.v1.DocumentEventData`, over
// Firestore's `google.firestore.v1.Document`. Defined inline so the bundled CLI carries no file-system
// dependency on the SDK's .proto files; the spec encodes with this and decodes with the SDK's own protos, so
// the field numbers cannot drift. Timestamp and LatLng are wire-compatible copies of the well-known types.
const DOCUMENT_EVENT_PROTO = `
syntax = "proto3";
package google.events.cloud.firestore.v1;

message DocumentEventData {
  Document value = 1;
  Document old_value = 2;
  DocumentMask update_mask = 3;
}
message DocumentMask { repeated string field_paths = 1; }
message Document {
  string name = 1;
  map<string, Value> fields = 2;
  Timestamp create_time = 3;
  Timestamp update_time = 4;
}
message Value {
  oneof value_type {
    NullValue null_value = 11;
    bool boolean_value = 1;
    int64 integer_value = 2;
    double double_value = 3;
    Timestamp timestamp_value = 10;
    string string_value = 17;
    bytes bytes_value = 18;
    string reference_value = 5;
    LatLng geo_point_value = 8;
    ArrayValue array_value = 9;
    MapValue map_value = 6;
  }
}
message ArrayValue { repeated Value values = 1; }
message MapValue { map<string, Value> fields = 1; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
message LatLng { double latitude = 1; double longitude = 2; }
enum NullValue { NULL_VALUE = 0; }
`;

const DocumentEventDataType = protobuf.parse(DOCUMENT_EVENT_PROTO).root.lookupType('google.events.cloud.firestore.v1.DocumentEventData');

/** One side of a write: the document's full resource name, its data, and the times Firestore gave it. */
export interface EventDocumentInput {
  /** `projects/<p>/databases/<d>/documents/<path>`. */
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createTime: ProtoTimestamp;
  readonly updateTime: ProtoTimestamp;
}

/** The document after the write and, for an update, before it (with the changed field paths). */
export interface DocumentEventDataInput {
  readonly value?: EventDocumentInput;
  readonly oldValue?: EventDocumentInput;
  readonly updateMask?: readonly string[];
}

/** A protobuf-encoded `DocumentEventData`, the body Eventarc sends for Firestore events (`application/protobuf`). */
export function encodeDocumentEventData(input: DocumentEventDataInput): Uint8Array {
  const document = (doc: EventDocumentInput) => ({
    name: doc.name,
    fields: toFirestoreFields(doc.data),
    createTime: doc.createTime,
    updateTime: doc.updateTime,
  });
  const message = DocumentEventDataType.fromObject({
    ...(input.value ? { value: document(input.value) } : {}),
    ...(input.oldValue ? { oldValue: document(input.oldValue) } : {}),
    ...(input.updateMask ? { updateMask: { fieldPaths: [...input.updateMask] } } : {}),
  });
  return DocumentEventDataType.encode(message).finish();
}

/**
 * Decodes a protobuf `DocumentEventData` into the proto3 JSON shape (camelCase fields, int64 as decimal strings,
 * bytes as base64, enums by name), the shape Eventarc sends with `application/json`. Throws when the bytes are
 * not a valid message.
 */
export function decodeDocumentEventData(bytes: Uint8Array): Record<string, unknown> {
  const message = DocumentEventDataType.decode(bytes);
  return DocumentEventDataType.toObject(message, { longs: String, enums: String, bytes: String, oneofs: false });
}
