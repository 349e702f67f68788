import { describe, expect, it } from '@jest/globals';
import type { FlowRun, FlowStep } from '../contracts/flow-run.schema.js';
import { aChartStep, aFlowRun } from './__fixtures__/flow-run-builder.js';
import { flowRunReadyChartStep } from './__fixtures__/upstream-test-vectors.js';
import { validateChartExportStep } from './validate-chart-export-step.js';

const vectorStepId = 'charts:1M:ctpl_price_ma1226_vol_v1';
const S = 'steps["s"]';

function validate(step: Partial<FlowStep>, run: Partial<FlowRun> = {}) {
  return validateChartExportStep(aFlowRun({ s: aChartStep(step) }, run), 's');
}

function messageOf(result: ReturnType<typeof validateChartExportStep>): string {
  if (result.ok) throw new Error('expected a validation failure');
  expect(result.error.code).toBe('VALIDATION_FAILED');
  return result.error.message;
}

const twoRequests = { minImages: 1, requests: [{ chartTemplateId: 'a' }, { chartTemplateId: 'b' }] };

describe('validateChartExportStep', () => {
  it('accepts the upstream READY vector and maps its timeframe', () => {
    expect(validateChartExportStep(flowRunReadyChartStep, vectorStepId)).toEqual({
      ok: true,
      inputs: {
        runId: '20251215-102530_BTCUSDT_k3f7a',
        flowKey: 'scheduled_month_week_report_v1',
        stepId: vectorStepId,
        symbol: 'BTCUSDT',
        timeframe: '1M',
        interval: '1M',
        minImages: 1,
        requests: [{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }],
      },
    });
  });

  it("keeps the flow's timeframe and gives the provider interval beside it", () => {
    const result = validate({ timeframe: '1w' });
    expect(result.ok && [result.inputs.timeframe, result.inputs.interval]).toEqual(['1w', '1W']);
  });

  it('accepts minImages 0 and minImages equal to the number of requests', () => {
    expect(validate({ inputs: { ...twoRequests, minImages: 0 } }).ok).toBe(true);
    expect(validate({ inputs: { ...twoRequests, minImages: 2 } }).ok).toBe(true);
  });

  it('reduces each request to its chartTemplateId', () => {
    const result = validate({ inputs: { minImages: 1, requests: [{ chartTemplateId: 'a', note: 'x' }] } });
    expect(result.ok && result.inputs.requests).toEqual([{ chartTemplateId: 'a' }]);
  });

  it('refuses a runId that does not match the schema pattern', () => {
    expect(messageOf(validate({}, { runId: 'run/1' }))).toMatch(/^runId must match .*, got "run\/1"$/);
  });

  it('refuses a stepId that is not path-safe, with the requests it could read', () => {
    const result = validateChartExportStep(aFlowRun({ 'a/b': aChartStep() }), 'a/b');
    expect(messageOf(result)).toBe('stepId must not contain "/" or "\\", got "a/b"');
    expect(!result.ok && result.requests).toEqual([{ chartTemplateId: 'ctpl_price_ma1226_vol_v1' }]);
  });

  it('refuses a symbol with a slash', () => {
    expect(messageOf(validate({}, { scope: { symbol: 'BTC/USDT' } }))).toContain('scope.symbol must be');
  });

  it('refuses a missing timeframe naming the field', () => {
    const { timeframe: _omit, ...withoutTimeframe } = aChartStep();
    const result = validateChartExportStep(aFlowRun({ s: withoutTimeframe }), 's');
    expect(messageOf(result)).toBe(`${S}.timeframe is required (e.g. 1M, 1w, 1d, 4h), got undefined`);
  });

  it('refuses a timeframe with no Chart-IMG interval naming the field and the value', () => {
    expect(messageOf(validate({ timeframe: '7m' }))).toMatch(/^steps\["s"\]\.timeframe "7m" maps to interval "7m", which Chart-IMG/);
    expect(messageOf(validate({ timeframe: '1x' }))).toMatch(/^steps\["s"\]\.timeframe "1x" is not a timeframe/);
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['not an array', { chartTemplateId: 'a' }],
  ])('refuses requests that are %s', (_label, requests) => {
    const result = validate({ inputs: { minImages: 0, requests } });
    expect(messageOf(result)).toContain(`${S}.inputs.requests must be a non-empty array of {chartTemplateId}, got `);
    expect(!result.ok && result.requests).toEqual([]);
  });

  it('refuses malformed requests and returns the well-formed ones', () => {
    const result = validate({
      inputs: { minImages: 1, requests: [{ chartTemplateId: 'a' }, 'b', { chartTemplateId: '' }, { chartTemplateId: 'c' }] },
    });
    expect(messageOf(result)).toBe(
      `${S}.inputs.requests[1] must be an object with a chartTemplateId, got "b"; ` +
        `${S}.inputs.requests[2].chartTemplateId must be 1 to 200 characters long, got ""`,
    );
    expect(!result.ok && result.requests).toEqual([{ chartTemplateId: 'a' }, { chartTemplateId: 'c' }]);
  });

  it('refuses a chartTemplateId that is not path-safe but still lists it for the manifest', () => {
    const result = validate({ inputs: { minImages: 1, requests: [{ chartTemplateId: '../x' }] } });
    expect(messageOf(result)).toContain(`${S}.inputs.requests[0].chartTemplateId must not contain "/"`);
    expect(!result.ok && result.requests).toEqual([{ chartTemplateId: '../x' }]);
  });

  it('refuses duplicate chartTemplateIds, naming both positions', () => {
    const result = validate({ inputs: { minImages: 1, requests: [{ chartTemplateId: 'a' }, { chartTemplateId: 'b' }, { chartTemplateId: 'a' }] } });
    expect(messageOf(result)).toBe(`${S}.inputs.requests[2].chartTemplateId duplicates ${S}.inputs.requests[0].chartTemplateId, got "a"`);
    expect(!result.ok && result.requests).toHaveLength(3);
  });

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['a string', '1'],
    ['missing', undefined],
  ])('refuses a minImages that is %s', (_label, minImages) => {
    expect(messageOf(validate({ inputs: { ...twoRequests, minImages } }))).toMatch(/^steps\["s"\]\.inputs\.minImages must be an integer >= 0, got /);
  });

  it('refuses a minImages above the number of requests', () => {
    expect(messageOf(validate({ inputs: { ...twoRequests, minImages: 3 } }))).toBe(`${S}.inputs.minImages must not exceed the number of requests (2), got 3`);
  });

  it('reports every problem in one error with their fields in the details', () => {
    const result = validate({ timeframe: '7m', inputs: { minImages: 5, requests: [{ chartTemplateId: 'a' }] } }, { scope: { symbol: 'btc' } });
    expect(!result.ok && result.error.details).toEqual({
      problems: [
        { field: 'scope.symbol', value: '"btc"' },
        { field: `${S}.timeframe`, value: '"7m"' },
        { field: `${S}.inputs.minImages`, value: '5' },
      ],
      problemsCount: 3,
    });
    expect(messageOf(result).split('; ')).toHaveLength(3);
  });

  it('shortens the message when there are many problems', () => {
    const requests = Array.from({ length: 8 }, () => ({ chartTemplateId: 'x/y' }));
    expect(messageOf(validate({ inputs: { minImages: 0, requests } }))).toMatch(/; and 3 more$/);
  });

  it('refuses a pattern-valid runId longer than 200 characters', () => {
    const runId = `20251215-102530_${'B'.repeat(10_000)}_k3f7a`;
    expect(messageOf(validate({}, { runId }))).toMatch(/^runId must be at most 200 characters long, got "20251215-102530_B+"… \(10022 chars\)$/);
  });

  it('refuses more than 50 requests, naming the count', () => {
    const requests = Array.from({ length: 51 }, (_, i) => ({ chartTemplateId: `t${i}` }));
    expect(messageOf(validate({ inputs: { minImages: 1, requests } }))).toBe(`${S}.inputs.requests must hold at most 50 requests, got 51`);
    expect(validate({ inputs: { minImages: 1, requests: requests.slice(0, 50) } }).ok).toBe(true);
  });

  it("refuses ids that fit their own limits when a PNG's object name would pass 1024 bytes of UTF-8", () => {
    // 200 characters each, 3 bytes each in UTF-8: every id is legal, the PNG name is not.
    const stepId = '図'.repeat(200);
    const requests = [{ chartTemplateId: 'short' }, { chartTemplateId: 'ж'.repeat(200) }];
    const result = validateChartExportStep(aFlowRun({ [stepId]: aChartStep({ inputs: { minImages: 1, requests } }) }), stepId);
    const message = messageOf(result);
    expect(message).toMatch(
      /^the PNG object name of steps\[".+\]\.inputs\.requests\[1\]\.chartTemplateId "ж+"… \(200 chars\) would be 1069 bytes of UTF-8, over Cloud Storage's 1024-byte limit/,
    );
    expect(!result.ok && result.error.details).toMatchObject({ problems: [{ field: expect.stringMatching(/requests\[1\]\.chartTemplateId$/) }] });
  });

  it('accepts the same long ids while every object name fits', () => {
    const stepId = '図'.repeat(200);
    expect(
      validateChartExportStep(aFlowRun({ [stepId]: aChartStep({ inputs: { minImages: 1, requests: [{ chartTemplateId: 'ж'.repeat(100) }] } }) }), stepId).ok,
    ).toBe(true);
  });

  it('refuses a step id that is not in the document', () => {
    const result = validateChartExportStep(aFlowRun({}), 'gone');
    expect(messageOf(result)).toBe('steps["gone"] must be a step object, got undefined');
  });

  it('copes with a document whose scope and inputs are missing', () => {
    const broken = { ...aFlowRun({ s: { ...aChartStep(), inputs: undefined } as unknown as FlowStep }), scope: undefined };
    const result = validateChartExportStep(broken as unknown as FlowRun, 's');
    expect(messageOf(result)).toContain('scope.symbol must be');
    expect(messageOf(result)).toContain(`${S}.inputs.requests must be a non-empty array`);
  });
});
