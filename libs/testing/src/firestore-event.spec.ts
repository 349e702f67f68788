import { describe, expect, it } from '@jest/globals';
import { HTTP } from 'cloudevents';
import { binaryModeRequest, documentEventBytes, flowRunUpdatedEvent, structuredModeRequest } from './firestore-event.js';
import { googleDocumentEventDataType } from './google-document-event-data.js';

const decode = (bytes: Uint8Array) => {
  const type = googleDocumentEventDataType();
  return type.toObject(type.decode(bytes), { longs: String, enums: String, oneofs: false }) as Record<string, Record<string, unknown>>;
};

describe('Eventarc events for tests', () => {
  it("encode the documents so that Google's Firestore protos read them back", () => {
    const bytes = documentEventBytes({ path: 'flow_runs/r1', projectId: 'demo-x', value: { runId: 'r1', n: 2 }, oldValue: { runId: 'r1' }, updateMask: ['n'] });
    const decoded = decode(bytes);
    expect(decoded['value']).toMatchObject({
      name: 'projects/demo-x/databases/(default)/documents/flow_runs/r1',
      fields: { runId: { stringValue: 'r1' }, n: { integerValue: '2' } },
    });
    expect(decoded['oldValue']).toMatchObject({ fields: { runId: { stringValue: 'r1' } } });
    expect(decoded['updateMask']).toEqual({ fieldPaths: ['n'] });
    expect(decode(documentEventBytes({ name: 'not/a/resource/name', value: {} }))['value']).toMatchObject({ name: 'not/a/resource/name' });
  });

  it('carry the same event in binary content mode (as the CloudEvents SDK reads it) and in structured mode', () => {
    const data = documentEventBytes({ path: 'flow_runs/r1', value: { runId: 'r1' } });
    const attributes = { id: 'evt-9', path: 'flow_runs/r1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const binary = binaryModeRequest(attributes, data);
    const structured = structuredModeRequest(attributes, data);
    expect(binary.headers['traceparent']).toBe(attributes.traceparent);
    const expected = {
      id: 'evt-9',
      type: 'google.cloud.firestore.document.v1.updated',
      subject: 'documents/flow_runs/r1',
      document: 'flow_runs/r1',
      project: 'demo-worker',
    };
    const event = HTTP.toEvent({ headers: binary.headers, body: binary.body }) as unknown as Record<string, unknown>;
    expect(event).toMatchObject({ ...expected, datacontenttype: 'application/protobuf' });
    expect(structured.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(JSON.parse(structured.body.toString('utf8'))).toMatchObject({ ...expected, data_base64: Buffer.from(data).toString('base64') });
    expect(flowRunUpdatedEvent({ id: 'evt-9', projectId: 'demo-worker', doc: { runId: 'r1' } })).toEqual({
      headers: { ...binary.headers, traceparent: undefined },
      body: binary.body,
    });
  });
});
