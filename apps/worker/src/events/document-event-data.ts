import protobuf from 'protobufjs';

// The Eventarc payload for Firestore events, `google.events.cloud.firestore.v1.DocumentEventData`
// (github.com/googleapis/google-cloudevents, proto/google/events/cloud/firestore/v1/data.proto).
// Defined inline rather than loaded from @google-cloud/firestore's .proto files so the bundled worker
// carries no file-system dependency; field numbers match google/firestore/v1/document.proto, which a
// spec encodes against. Timestamp and LatLng are wire-compatible local copies of the well-known types.
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

const root = protobuf.parse(DOCUMENT_EVENT_PROTO).root;

/** The protobuf type `google.events.cloud.firestore.v1.DocumentEventData`. */
export const DocumentEventDataType = root.lookupType('google.events.cloud.firestore.v1.DocumentEventData');

/**
 * Decodes a protobuf `DocumentEventData` into the proto3 JSON shape (camelCase fields, int64 as
 * decimal strings, bytes as base64, enums by name), the same shape Eventarc sends with
 * `application/json`. Throws when the bytes are not a valid message.
 */
export function decodeDocumentEventData(bytes: Uint8Array): Record<string, unknown> {
  const message = DocumentEventDataType.decode(bytes);
  return DocumentEventDataType.toObject(message, { longs: String, enums: String, bytes: String, oneofs: false });
}
