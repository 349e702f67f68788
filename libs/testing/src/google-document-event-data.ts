import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

// Eventarc's wrapper message over Google's own Firestore .proto files, as shipped with @google-cloud/firestore:
// what a test encodes or decodes with to check an inline copy of the schema against the real one.
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
export function googleDocumentEventDataType(): protobuf.Type {
  if (cached) return cached;
  const protosDir = join(dirname(createRequire(import.meta.url).resolve('@google-cloud/firestore')), '..', 'protos');
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protosDir, target);
  root.loadSync(['google/firestore/v1/document.proto', 'google/firestore/v1/common.proto'], { keepCase: false });
  protobuf.parse(WRAPPER, root, { keepCase: false });
  root.resolveAll();
  cached = root.lookupType('google.events.cloud.firestore.v1.DocumentEventData');
  return cached;
}
