import type { IncomingHttpHeaders } from 'node:http';
import { HTTP, type CloudEvent } from 'cloudevents';

/** The attributes of a received CloudEvent the worker uses, and its raw data. */
export interface ReceivedEvent {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  readonly datacontenttype?: string;
  /** Binary data (protobuf), when the event carries bytes. */
  readonly bytes?: Uint8Array;
  /** Parsed or textual data, when the event carries JSON. */
  readonly data?: unknown;
  /** Extension attributes Eventarc adds (`project`, `database`, `document` ...). */
  readonly extensions: Readonly<Record<string, unknown>>;
}

export type ReadCloudEventResult = { readonly ok: true; readonly event: ReceivedEvent } | { readonly ok: false; readonly message: string };

const CORE_ATTRIBUTES = new Set([
  'datacontentencoding',
  'schemaurl',
  'id',
  'type',
  'source',
  'subject',
  'specversion',
  'datacontenttype',
  'dataschema',
  'time',
  'data',
  'data_base64',
]);

/**
 * Reads a CloudEvent from an HTTP request in binary mode (`ce-*` headers, data in the body, e.g.
 * `application/protobuf`) or structured mode (`application/cloudevents+json`, binary data in
 * `data_base64`), with the `cloudevents` package.
 */
export function readCloudEvent(headers: IncomingHttpHeaders, body: Buffer): ReadCloudEventResult {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  // The SDK parses JSON from strings only, and keeps other bodies (protobuf) as given.
  const textual = contentType.includes('json') || contentType.startsWith('text/');
  // The SDK knows structured mode only as exactly `application/cloudevents+json[; charset=utf-8]`.
  const normalized = contentType.startsWith('application/cloudevents+json') ? { ...headers, 'content-type': 'application/cloudevents+json' } : headers;
  let event: CloudEvent<unknown>;
  try {
    const parsed = HTTP.toEvent({ headers: normalized as Record<string, string>, body: textual ? body.toString('utf8') : body });
    if (Array.isArray(parsed)) return { ok: false, message: 'batched CloudEvents are not supported' };
    event = parsed as CloudEvent<unknown>;
  } catch (error) {
    return { ok: false, message: `not a CloudEvent: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Structured mode lets a sender put any JSON in any attribute: only strings are used (and logged), so a
  // nested value can never reach a recursive formatter.
  const { id, type, source, subject, datacontenttype, data_base64: dataBase64 } = event as unknown as Record<string, unknown>;
  if (!isNonEmptyString(id) || !isNonEmptyString(type) || !isNonEmptyString(source)) {
    return { ok: false, message: 'the CloudEvent lacks a string id, type or source' };
  }
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (!CORE_ATTRIBUTES.has(key) && value !== undefined) extensions[key] = value;
  const bytes = isNonEmptyString(dataBase64) ? Buffer.from(dataBase64, 'base64') : undefined;
  return {
    ok: true,
    event: {
      id,
      type,
      source,
      ...(isNonEmptyString(subject) ? { subject } : {}),
      ...(isNonEmptyString(datacontenttype) ? { datacontenttype } : {}),
      ...(bytes ? { bytes } : event.data === undefined ? {} : { data: event.data }),
      extensions,
    },
  };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
