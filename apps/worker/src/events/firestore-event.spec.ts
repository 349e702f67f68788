import { describe, expect, it } from '@jest/globals';
import { aChartExportStep, aFlowRun, RUN_ID, STEP_ID } from '@worker-chart-export/domain/testing';
import { binaryModeRequest, documentEventBytes, type EventDelivery, structuredModeRequest } from '@worker-chart-export/testing';
import { classifyFlowRunEvent } from './classify-flow-run-event.js';
import { decodeDocumentEvent } from './decode-document-event.js';
import { readCloudEvent } from './read-cloud-event.js';

const path = `flow_runs/${RUN_ID}`;

function decode(request: EventDelivery) {
  const read = readCloudEvent(request.headers, request.body);
  if (!read.ok) throw new Error(read.message);
  const decoded = decodeDocumentEvent(read.event);
  if (!decoded.ok) throw new Error(decoded.message);
  return { event: read.event, data: decoded.data };
}

describe('reading Eventarc Firestore events', () => {
  const bytes = documentEventBytes({
    path,
    value: aFlowRun(),
    oldValue: aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'PENDING' }) }),
    updateMask: [`steps.\`${STEP_ID}\`.status`],
  });

  it.each([
    ['binary', binaryModeRequest],
    ['structured', structuredModeRequest],
  ])('decodes a protobuf DocumentEventData sent in %s mode', (_mode, build) => {
    const { event, data } = decode(build({ id: 'evt-42', path }, bytes));
    expect(event).toMatchObject({
      id: 'evt-42',
      type: 'google.cloud.firestore.document.v1.updated',
      source: '//firestore.googleapis.com/projects/demo-worker/databases/(default)',
      subject: `documents/${path}`,
      extensions: expect.objectContaining({ project: 'demo-worker', document: path }),
    });
    expect(data.value?.name).toBe(`projects/demo-worker/databases/(default)/documents/${path}`);
    expect(data.updateMask).toEqual([`steps.\`${STEP_ID}\`.status`]);
    expect(classifyFlowRunEvent(data)).toEqual({
      action: 'run',
      runId: RUN_ID,
      flowKey: 'scheduled_month_week_report_v1',
      readyStepIds: [STEP_ID],
    });
  });

  it('accepts the proto3 JSON form of the data (application/json triggers)', () => {
    const json = {
      value: {
        name: `projects/p/databases/(default)/documents/${path}`,
        fields: {
          flowKey: { stringValue: 'f1' },
          steps: { mapValue: { fields: { s1: { mapValue: { fields: { stepType: { stringValue: 'CHART_EXPORT' }, status: { stringValue: 'READY' } } } } } } },
        },
      },
    };
    const headers = {
      'content-type': 'application/json',
      'ce-id': 'e1',
      'ce-type': 'google.cloud.firestore.document.v1.written',
      'ce-source': 's',
      'ce-specversion': '1.0',
    };
    const { data } = decode({ headers, body: Buffer.from(JSON.stringify(json)) });
    expect(classifyFlowRunEvent(data)).toEqual({ action: 'run', runId: RUN_ID, flowKey: 'f1', readyStepIds: ['s1'] });
  });

  it('refuses a body that is not a CloudEvent', () => {
    expect(readCloudEvent({ 'content-type': 'application/json' }, Buffer.from('{}'))).toEqual({
      ok: false,
      message: expect.stringMatching(/not a CloudEvent/),
    });
  });

  it('refuses garbage and empty protobuf data', () => {
    for (const body of [Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), Buffer.alloc(0), Buffer.from('hello world')]) {
      const read = readCloudEvent(binaryModeRequest({ path }, body).headers, body);
      expect(read.ok).toBe(true);
      if (read.ok) expect(decodeDocumentEvent(read.event)).toEqual({ ok: false, message: expect.any(String) });
    }
  });
});

describe('classifyFlowRunEvent (the fast filter)', () => {
  const data = (input: Extract<Parameters<typeof documentEventBytes>[0], { path: string }>) =>
    decode(binaryModeRequest({ path: input.path }, documentEventBytes(input))).data;

  it('skips a flow_run whose steps hold no READY CHART_EXPORT step', () => {
    const value = aFlowRun({ [STEP_ID]: aChartExportStep({ status: 'SUCCEEDED' }), other: aChartExportStep({ stepType: 'LLM_REPORT' }) });
    expect(classifyFlowRunEvent(data({ path, value }))).toEqual({
      action: 'skip',
      reason: 'no-ready-chart-export-step',
      message: `flow_run ${RUN_ID} holds no READY CHART_EXPORT step`,
      runId: RUN_ID,
      flowKey: 'scheduled_month_week_report_v1',
    });
  });

  it('skips documents of other collections and subcollections', () => {
    expect(classifyFlowRunEvent(data({ path: 'chart_templates/t1', value: aFlowRun() }))).toMatchObject({ action: 'skip', reason: 'other-collection' });
    expect(classifyFlowRunEvent(data({ path: `flow_runs/${RUN_ID}/notes/n1`, value: aFlowRun() }))).toMatchObject({
      action: 'skip',
      reason: 'other-collection',
    });
  });

  it('skips a deleted flow_run (a written event with only the old value)', () => {
    expect(classifyFlowRunEvent(data({ path, oldValue: aFlowRun() }))).toMatchObject({ action: 'skip', reason: 'document-deleted', runId: RUN_ID });
  });

  it('lists every READY CHART_EXPORT step, sorted', () => {
    const value = aFlowRun({ 'charts:b': aChartExportStep(), 'charts:a': aChartExportStep() });
    expect(classifyFlowRunEvent(data({ path, value }))).toMatchObject({ action: 'run', readyStepIds: ['charts:a', 'charts:b'] });
  });
});
