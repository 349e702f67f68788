import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { HTTP } from 'cloudevents';
import protobuf from 'protobufjs';
import { firestoreWrittenEvent } from './firestore-written-event.js';

// Google's own Firestore protos, as shipped with the SDK: what Eventarc encodes the document with. Decoding the
// body with them (not with this library's inline copy) proves the field numbers.
function googleDocumentEventData(): protobuf.Type {
  const protosDir = join(dirname(createRequire(import.meta.url).resolve('@google-cloud/firestore')), '..', 'protos');
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protosDir, target);
  root.loadSync(['google/firestore/v1/document.proto', 'google/firestore/v1/common.proto']);
  protobuf.parse(
    `syntax = "proto3"; package google.events.cloud.firestore.v1;
     message DocumentEventData { google.firestore.v1.Document value = 1; google.firestore.v1.Document old_value = 2; google.firestore.v1.DocumentMask update_mask = 3; }`,
    root,
  );
  root.resolveAll();
  return root.lookupType('google.events.cloud.firestore.v1.DocumentEventData');
}

const TIME = new Date('2025-12-15T10:26:12.500Z');
const input = {
  id: 'evt-1',
  projectId: 'demo-charts',
  databaseId: '(default)',
  documentPath: 'flow_runs/20251215-102530_BTCUSDT_k3f7a',
  data: {
    runId: '20251215-102530_BTCUSDT_k3f7a',
    schemaVersion: 1,
    ratio: 0.25,
    big: 2n ** 60n,
    done: false,
    missing: null,
    at: new Date('2025-12-15T10:25:30.125Z'),
    bytes: new Uint8Array([1, 2, 255]),
    steps: { 'charts:1h': { status: 'READY', dependsOn: ['ohlcv:1h'], inputs: { requests: [{ chartTemplateId: 'ctpl_a' }] } } },
  },
  time: TIME,
};

describe('firestoreWrittenEvent', () => {
  it('is a binary-mode CloudEvent with the attributes and Firestore extensions Eventarc sends', () => {
    const request = firestoreWrittenEvent({ ...input, location: 'europe-west1' });
    expect(request.headers).toEqual({
      'content-type': 'application/protobuf',
      'ce-id': 'evt-1',
      'ce-specversion': '1.0',
      'ce-type': 'google.cloud.firestore.document.v1.written',
      'ce-source': '//firestore.googleapis.com/projects/demo-charts/databases/(default)',
      'ce-subject': 'documents/flow_runs/20251215-102530_BTCUSDT_k3f7a',
      'ce-time': '2025-12-15T10:26:12.500Z',
      'ce-dataschema': 'https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/firestore/v1/data.proto',
      'ce-project': 'demo-charts',
      'ce-database': '(default)',
      'ce-namespace': '(default)',
      'ce-document': 'flow_runs/20251215-102530_BTCUSDT_k3f7a',
      'ce-location': 'europe-west1',
    });
    // What a receiver using the CloudEvents SDK reads back.
    const event = HTTP.toEvent({ headers: request.headers, body: Buffer.from(request.body) }) as unknown as Record<string, unknown>;
    expect(event).toMatchObject({
      id: 'evt-1',
      type: 'google.cloud.firestore.document.v1.written',
      datacontenttype: 'application/protobuf',
      document: input.documentPath,
    });
  });

  it("carries the document as a protobuf DocumentEventData that Google's Firestore protos decode", () => {
    const request = firestoreWrittenEvent({ ...input, createTime: { seconds: 1765794330, nanos: 5 } });
    const type = googleDocumentEventData();
    const decoded = type.toObject(type.decode(request.body), { longs: String, enums: String, bytes: String, oneofs: false });
    expect(Object.keys(decoded)).toEqual(['value']);
    expect(decoded['value']).toEqual({
      name: 'projects/demo-charts/databases/(default)/documents/flow_runs/20251215-102530_BTCUSDT_k3f7a',
      createTime: { seconds: '1765794330', nanos: 5 },
      updateTime: { seconds: '1765794372', nanos: 500_000_000 },
      fields: {
        runId: { stringValue: '20251215-102530_BTCUSDT_k3f7a' },
        schemaVersion: { integerValue: '1' },
        ratio: { doubleValue: 0.25 },
        big: { integerValue: '1152921504606846976' },
        done: { booleanValue: false },
        missing: { nullValue: 'NULL_VALUE' },
        at: { timestampValue: { seconds: '1765794330', nanos: 125_000_000 } },
        bytes: { bytesValue: 'AQL/' },
        steps: {
          mapValue: {
            fields: {
              'charts:1h': {
                mapValue: {
                  fields: {
                    status: { stringValue: 'READY' },
                    dependsOn: { arrayValue: { values: [{ stringValue: 'ohlcv:1h' }] } },
                    inputs: {
                      mapValue: {
                        fields: { requests: { arrayValue: { values: [{ mapValue: { fields: { chartTemplateId: { stringValue: 'ctpl_a' } } } }] } } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it('names the field of a value that has no Firestore form', () => {
    expect(() => firestoreWrittenEvent({ ...input, data: { steps: { a: { when: new Map() } } } })).toThrow(
      'steps.a.when: a Map has no Firestore value to send',
    );
  });
});
