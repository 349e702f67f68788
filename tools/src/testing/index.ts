export { documentEventDataType, documentNameOf, encodeDocumentEventData, toFirestoreFields, toFirestoreValue } from './document-event-data.js';
export type { DocumentEventDataInput, ProtoTimestamp } from './document-event-data.js';
export { flowRunUpdatedEvent } from './flow-run-event.js';
export type { EventDelivery } from './flow-run-event.js';
export { startLineProcess } from './line-process.js';
export type { LineProcess } from './line-process.js';
