// The proto module alone: the library's index also loads its HTTP client, which the worker's start-up does not need.
import { decodeDocumentEventData } from '@worker-chart-export/adapter-eventarc/document-event-data';
import type { ReceivedEvent } from './read-cloud-event.js';

/** A Firestore document of an event: its full resource name and its fields as plain JSON (not yet converted). */
export interface EventDocument {
  readonly name: string;
  /** proto3 JSON `fields` map (`{steps: {mapValue: ...}}`). */
  readonly fields: unknown;
}

/** The document before and after the write (either may be absent: create, delete). */
export interface DocumentEvent {
  readonly value?: EventDocument;
  readonly oldValue?: EventDocument;
  readonly updateMask: readonly string[];
}

export type DecodeDocumentEventResult = { readonly ok: true; readonly data: DocumentEvent } | { readonly ok: false; readonly message: string };

/**
 * The `DocumentEventData` of a Firestore event: protobuf (`application/protobuf`, the Eventarc
 * default for Firestore) or its proto3 JSON form (`application/json`).
 */
export function decodeDocumentEvent(event: ReceivedEvent): DecodeDocumentEventResult {
  const contentType = event.datacontenttype?.toLowerCase() ?? '';
  let raw: unknown;
  if (contentType.includes('json') && event.bytes === undefined) {
    try {
      raw = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    } catch {
      return { ok: false, message: 'event data is not valid JSON' };
    }
  } else if (event.bytes !== undefined && event.bytes.byteLength > 0) {
    try {
      raw = decodeDocumentEventData(event.bytes);
    } catch (error) {
      return { ok: false, message: `event data is not a protobuf DocumentEventData: ${error instanceof Error ? error.message : String(error)}` };
    }
  } else {
    return { ok: false, message: `event carries no data (datacontenttype ${JSON.stringify(event.datacontenttype ?? '')})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'event data is not a DocumentEventData object' };
  const record = raw as Record<string, unknown>;
  const value = documentOf(record['value']);
  const oldValue = documentOf(record['oldValue'] ?? record['old_value']);
  if (value === undefined && oldValue === undefined) return { ok: false, message: 'event data holds neither value nor oldValue' };
  const mask = (record['updateMask'] ?? record['update_mask']) as Record<string, unknown> | undefined;
  const paths = mask?.['fieldPaths'] ?? mask?.['field_paths'];
  return {
    ok: true,
    data: {
      ...(value ? { value } : {}),
      ...(oldValue ? { oldValue } : {}),
      // Strings only: String() of a nested array recurses, and the mask is a sender's to forge.
      updateMask: Array.isArray(paths) ? paths.filter((path): path is string => typeof path === 'string') : [],
    },
  };
}

function documentOf(raw: unknown): EventDocument | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const doc = raw as Record<string, unknown>;
  if (typeof doc['name'] !== 'string' || doc['name'] === '') return undefined;
  return { name: doc['name'], fields: doc['fields'] };
}
