export { decodeDocumentEventData, encodeDocumentEventData } from './document-event-data.js';
export type { DocumentEventDataInput, EventDocumentInput } from './document-event-data.js';
export { deliverEvent, DeliveryError, MAX_REPLY_BYTES } from './deliver-event.js';
export type { DeliverEventOptions, DeliveryReply } from './deliver-event.js';
export { dateToTimestamp, toFirestoreFields, toFirestoreValue } from './firestore-value.js';
export type { ProtoTimestamp } from './firestore-value.js';
export { FIRESTORE_WRITTEN_EVENT_TYPE, firestoreWrittenEvent } from './firestore-written-event.js';
export type { EventarcRequest, FirestoreWrittenEventInput } from './firestore-written-event.js';
