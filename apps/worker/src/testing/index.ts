export { officialDocumentEventDataType } from './firestore-protos.js';
export {
  binaryModeRequest,
  documentName,
  encodeDocumentEventData,
  structuredModeRequest,
  toFirestoreFields,
  toFirestoreValue,
} from './firestore-event-builder.js';
export type { DocumentEventInput, EventarcRequest } from './firestore-event-builder.js';
export { fakeWorkerDeps } from './fake-worker-deps.js';
