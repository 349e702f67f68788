import { aChartExportStep, aFlowRun, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { nestedDocumentEventData, nestedFirestoreFieldsJson, nestedJsonArrays } from './deep-nesting.js';
import type { CloudEventCase } from './hostile-case.js';

const UPDATED = 'google.cloud.firestore.document.v1.updated';
const SOURCE = '//firestore.googleapis.com/projects/demo-hostile/databases/(default)';

/** Eventarc's binary content mode: `ce-*` headers, protobuf body. */
function binary(id: string, type = UPDATED, path = `flow_runs/${RUN_ID}`): Record<string, string> {
  return {
    'content-type': 'application/protobuf',
    'ce-id': id,
    'ce-type': type,
    'ce-source': SOURCE,
    'ce-subject': `documents/${path}`,
    'ce-specversion': '1.0',
    'ce-time': '2025-12-15T10:26:12.500Z',
  };
}

const STRUCTURED = { 'content-type': 'application/cloudevents+json; charset=utf-8' };
const envelope = (id: string, extra: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  type: UPDATED,
  source: SOURCE,
  subject: `documents/flow_runs/${RUN_ID}`,
  ...extra,
});

/** A flow_run whose step is READY: reading it would mean a Firestore read, which no case below may cause. */
const readyRun = aFlowRun();
const finishedRun = aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'SUCCEEDED' }) });
const SKIPPED = { httpStatus: 200, outcome: 'skipped', logEvent: 'event.skipped' } as const;
const REJECTED = { httpStatus: 200, outcome: 'rejected', logEvent: 'event.rejected' } as const;

/** Requests to the worker: foreign types and collections, broken bodies, oversize, stray routes. */
export const CLOUD_EVENT_CASES: readonly CloudEventCase[] = [
  {
    id: 'ce-wrong-type',
    area: 'cloudevent',
    description: 'a Pub/Sub event type carrying a READY flow_run',
    input: {
      headers: binary('ce-1', 'google.cloud.pubsub.topic.v1.messagePublished'),
      body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, value: readyRun },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-deleted-type',
    area: 'cloudevent',
    description: 'google.cloud.firestore.document.v1.deleted',
    input: {
      headers: binary('ce-2', 'google.cloud.firestore.document.v1.deleted'),
      body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, oldValue: readyRun },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-other-collection',
    area: 'cloudevent',
    description: 'a READY-looking document in users/{id}',
    input: { headers: binary('ce-3', UPDATED, 'users/u1'), body: { kind: 'document-event', documentPath: 'users/u1', value: readyRun } },
    expect: SKIPPED,
  },
  {
    id: 'ce-subcollection',
    area: 'cloudevent',
    description: 'a READY-looking document in flow_runs/{id}/audit/{id}',
    input: { headers: binary('ce-4'), body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}/audit/a1`, value: readyRun } },
    expect: SKIPPED,
  },
  {
    id: 'ce-path-dotdot',
    area: 'cloudevent',
    description: 'a document name flow_runs/../x with a READY step',
    input: { headers: binary('ce-5'), body: { kind: 'document-event', documentPath: 'flow_runs/../x', value: readyRun } },
    expect: SKIPPED,
  },
  {
    id: 'ce-no-ready-step',
    area: 'cloudevent',
    description: 'a flow_run update without a READY CHART_EXPORT step',
    input: { headers: binary('ce-6'), body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, value: finishedRun } },
    expect: SKIPPED,
  },
  {
    id: 'ce-document-deleted',
    area: 'cloudevent',
    description: 'a written event for a deleted flow_run (old value only)',
    input: {
      headers: binary('ce-7', 'google.cloud.firestore.document.v1.written'),
      body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, oldValue: readyRun },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-steps-wrong-types',
    area: 'cloudevent',
    description: 'steps is a string and stepType a number',
    input: { headers: binary('ce-8'), body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, value: { ...readyRun, steps: 'READY' } } },
    expect: SKIPPED,
  },
  {
    id: 'ce-garbage-protobuf',
    area: 'cloudevent',
    description: 'a body of bytes that is no protobuf message',
    input: { headers: binary('ce-9'), body: { kind: 'bytes', base64: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x0a, 0xff, 0x01]).toString('base64') } },
    expect: REJECTED,
  },
  {
    id: 'ce-empty-body',
    area: 'cloudevent',
    description: 'binary mode with an empty body',
    input: { headers: binary('ce-10'), body: { kind: 'empty' } },
    expect: REJECTED,
  },
  {
    id: 'ce-no-headers',
    area: 'cloudevent',
    description: 'a bare POST: no CloudEvent headers, empty body',
    input: { headers: {}, body: { kind: 'empty' } },
    expect: REJECTED,
  },
  {
    id: 'ce-missing-id',
    area: 'cloudevent',
    description: 'binary mode without ce-id',
    input: {
      headers: Object.fromEntries(Object.entries(binary('unused')).filter(([name]) => name !== 'ce-id')),
      body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, value: finishedRun },
    },
    expect: REJECTED,
  },
  {
    id: 'ce-structured-no-data',
    area: 'cloudevent',
    description: 'structured mode whose envelope has no data',
    input: { headers: STRUCTURED, body: { kind: 'text', text: JSON.stringify(envelope('ce-12', { datacontenttype: 'application/protobuf' })) } },
    expect: REJECTED,
  },
  {
    id: 'ce-structured-not-json',
    area: 'cloudevent',
    description: 'structured mode with a body that is not JSON',
    input: { headers: STRUCTURED, body: { kind: 'text', text: '{"specversion": "1.0", "id": ' } },
    expect: REJECTED,
  },
  {
    id: 'ce-structured-json-data-garbage',
    area: 'cloudevent',
    description: 'structured mode with JSON data whose fields are not Firestore values',
    input: {
      headers: STRUCTURED,
      body: {
        kind: 'text',
        text: JSON.stringify(
          envelope('ce-14', {
            datacontenttype: 'application/json',
            data: {
              value: { name: `projects/demo-hostile/databases/(default)/documents/flow_runs/${RUN_ID}`, fields: { steps: { mapValue: 'READY' }, flowKey: 42 } },
            },
          }),
        ),
      },
    },
    expect: REJECTED,
  },
  {
    id: 'ce-structured-deep-fields',
    area: 'cloudevent',
    description: 'structured mode with JSON data whose document nests map values 10,000 deep',
    input: {
      headers: STRUCTURED,
      body: {
        kind: 'text',
        text: JSON.stringify(
          envelope('ce-21', {
            datacontenttype: 'application/json',
            data: { value: { name: `projects/demo-hostile/databases/(default)/documents/flow_runs/${RUN_ID}`, fields: '<fields>' } },
          }),
        ).replace('"<fields>"', nestedFirestoreFieldsJson(10_000)),
      },
    },
    expect: REJECTED,
  },
  {
    id: 'ce-protobuf-deep-fields',
    area: 'cloudevent',
    description: 'a protobuf DocumentEventData whose document nests map values 10,000 deep',
    input: {
      headers: binary('ce-22'),
      body: {
        kind: 'bytes',
        base64: nestedDocumentEventData(`projects/demo-hostile/databases/(default)/documents/flow_runs/${RUN_ID}`, 10_000).toString('base64'),
      },
    },
    expect: REJECTED,
  },
  {
    id: 'ce-structured-deep-update-mask',
    area: 'cloudevent',
    description: 'structured mode whose updateMask field paths hold arrays nested 10,000 deep',
    input: {
      headers: STRUCTURED,
      body: {
        kind: 'text',
        text: JSON.stringify(
          envelope('ce-23', {
            datacontenttype: 'application/json',
            data: {
              value: { name: `projects/demo-hostile/databases/(default)/documents/flow_runs/${RUN_ID}`, fields: {} },
              updateMask: { fieldPaths: '<paths>' },
            },
          }),
        ).replace('"<paths>"', nestedJsonArrays(10_000)),
      },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-structured-deep-subject',
    area: 'cloudevent',
    description: 'structured mode whose subject is arrays nested 10,000 deep instead of a string',
    input: {
      headers: STRUCTURED,
      body: {
        kind: 'text',
        text: JSON.stringify(
          envelope('ce-24', {
            subject: '<subject>',
            datacontenttype: 'application/json',
            data: { value: { name: `projects/demo-hostile/databases/(default)/documents/flow_runs/${RUN_ID}`, fields: {} } },
          }),
        ).replace('"<subject>"', nestedJsonArrays(10_000)),
      },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-batch',
    area: 'cloudevent',
    description: 'a batched CloudEvents body',
    input: { headers: { 'content-type': 'application/cloudevents-batch+json' }, body: { kind: 'text', text: JSON.stringify([envelope('ce-15')]) } },
    expect: REJECTED,
  },
  {
    id: 'ce-bad-document-name',
    area: 'cloudevent',
    description: 'a document name that is not a Firestore resource name',
    input: {
      headers: binary('ce-16'),
      body: { kind: 'document-event', documentPath: `flow_runs/${RUN_ID}`, documentName: `flow_runs/${RUN_ID}`, value: readyRun },
    },
    expect: REJECTED,
  },
  {
    id: 'ce-huge-body',
    area: 'cloudevent',
    description: 'a 5 MiB body, above the 4 MiB limit',
    input: { headers: binary('ce-17'), body: { kind: 'filler', bytes: 5 * 1024 * 1024 } },
    expect: REJECTED,
  },
  {
    id: 'ce-unicode-subject',
    area: 'cloudevent',
    description: 'structured mode, an unknown type and a 10,000-character unicode subject',
    input: {
      headers: STRUCTURED,
      body: { kind: 'text', text: JSON.stringify(envelope('ce-18', { type: 'com.example.🙂', subject: 'документ/📈'.repeat(1_000) })) },
    },
    expect: SKIPPED,
  },
  {
    id: 'ce-get-root',
    area: 'cloudevent',
    description: 'GET / instead of POST',
    input: { method: 'GET', headers: {}, body: { kind: 'empty' } },
    expect: { httpStatus: 405 },
  },
  {
    id: 'ce-unknown-route',
    area: 'cloudevent',
    description: 'POST /../admin',
    input: { path: '/../admin', headers: binary('ce-20'), body: { kind: 'empty' } },
    expect: { httpStatus: 404 },
  },
];
