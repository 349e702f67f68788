/** Injection token of the `Firestore` client bound by {@link firestoreModule}. */
export const FirestoreClient = Symbol.for('worker-chart-export.FirestoreClient');
