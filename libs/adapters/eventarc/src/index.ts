export { decodeDocumentEventData, encodeDocumentEventData } from './document-event-data.js';
export type { DocumentEventDataInput, EventDocumentInput } from './document-event-data.js';
export { deliverEvent, DeliveryError } from './deliver-event.js';
export type { DeliverEventOptions, DeliveryReply } from './deliver-event.js';
export type { ProtoTimestamp } from './firestore-value.js';
export { firestoreWrittenEvent } from './firestore-written-event.js';
export type { EventarcRequest, FirestoreWrittenEventInput } from './firestore-written-event.js';
