import { CloudEvent, HTTP } from 'cloudevents';
import { encodeDocumentEventData } from './document-event-data.js';
import { dateToTimestamp, type ProtoTimestamp } from './firestore-value.js';

/** The Eventarc type of a Firestore document created, updated or deleted. */
const FIRESTORE_WRITTEN_EVENT_TYPE = 'google.cloud.firestore.document.v1.written';

/** Where Eventarc's Firestore events name the schema of their data. */
const DATA_SCHEMA = 'https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/firestore/v1/data.proto';

/** An HTTP request as Eventarc makes it: CloudEvent attributes in `ce-*` headers, the data as the body. */
export interface EventarcRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** A document written in Firestore, as an event reports it. */
export interface FirestoreWrittenEventInput {
  /** The CloudEvent id (unique per event; a redelivery keeps it). */
  readonly id: string;
  readonly projectId: string;
  /** `(default)` or a named database. */
  readonly databaseId: string;
  /** The document's path in the database, e.g. `flow_runs/<runId>`. */
  readonly documentPath: string;
  /** The document after the write. */
  readonly data: Readonly<Record<string, unknown>>;
  /** When Firestore created and last updated the document (both default to `time`). */
  readonly createTime?: Date | ProtoTimestamp;
  readonly updateTime?: Date | ProtoTimestamp;
  /** When the write happened: the CloudEvent `time`. */
  readonly time: Date;
  /** The database's location (Eventarc's `location` attribute), when known. */
  readonly location?: string;
}

/**
 * The binary-mode request Eventarc makes for a `google.cloud.firestore.document.v1.written` event of a created
 * or updated document: `content-type: application/protobuf`, the attributes and Eventarc's Firestore
 * extensions (`project`, `database`, `namespace`, `document`, `location`) as `ce-*` headers, and a protobuf
 * `DocumentEventData` whose `value` is the document (no `oldValue`: a receiver reads the document fresh).
 */
export function firestoreWrittenEvent(input: FirestoreWrittenEventInput): EventarcRequest {
  const database = `projects/${input.projectId}/databases/${input.databaseId}`;
  const timestamp = (value: Date | ProtoTimestamp | undefined) =>
    value === undefined ? dateToTimestamp(input.time) : value instanceof Date ? dateToTimestamp(value) : value;
  const data = encodeDocumentEventData({
    value: {
      name: `${database}/documents/${input.documentPath}`,
      data: input.data,
      createTime: timestamp(input.createTime),
      updateTime: timestamp(input.updateTime),
    },
  });
  const event = new CloudEvent<Uint8Array>({
    id: input.id,
    type: FIRESTORE_WRITTEN_EVENT_TYPE,
    source: `//firestore.googleapis.com/${database}`,
    subject: `documents/${input.documentPath}`,
    time: input.time.toISOString(),
    datacontenttype: 'application/protobuf',
    dataschema: DATA_SCHEMA,
    data,
    project: input.projectId,
    database: input.databaseId,
    namespace: '(default)',
    document: input.documentPath,
    ...(input.location === undefined ? {} : { location: input.location }),
  });
  const message = HTTP.binary(event);
  const headers = Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, String(value)]));
  return { headers, body: data };
}
