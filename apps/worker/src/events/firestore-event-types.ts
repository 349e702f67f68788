/** The Eventarc event types for Firestore documents the worker handles. */
export const FIRESTORE_EVENT_TYPES = ['google.cloud.firestore.document.v1.updated', 'google.cloud.firestore.document.v1.written'] as const;

export type FirestoreEventType = (typeof FIRESTORE_EVENT_TYPES)[number];

export function isFirestoreEventType(type: string): type is FirestoreEventType {
  return (FIRESTORE_EVENT_TYPES as readonly string[]).includes(type);
}
