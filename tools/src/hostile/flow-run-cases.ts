import { caseBuilder, type FlowRunCase, type FlowRunInput, type StepExpect } from './hostile-case.js';

const LONG = 'x'.repeat(10_000);
const VALIDATION = { status: 'FAILED', code: 'VALIDATION_FAILED' } as const;
const manyRequests = (count: number, id: (i: number) => string) => Array.from({ length: count }, (_, i) => ({ chartTemplateId: id(i) }));

const flowRunCase = caseBuilder<FlowRunCase>('flow_run');
/** The step fails validation with a message naming each of `mentions`. */
const refused = (id: string, description: string, input: FlowRunInput, mentions: readonly string[], more: Pick<StepExpect, 'nothingWritten'> = {}) =>
  flowRunCase(id, description, input, { ...VALIDATION, mentions, ...more });
const succeeds = (id: string, description: string, input: FlowRunInput) => flowRunCase(id, description, input, { status: 'SUCCEEDED' });
/** The run holds no step the worker can take: nothing happens. */
const noReadyStep = (id: string, description: string, input: FlowRunInput) =>
  flowRunCase(id, description, input, { status: 'NOOP', noopReason: 'no-ready-step' });

/** flow_run documents: wrong types, missing fields, huge arrays and strings, unicode, path tricks. */
export const FLOW_RUN_CASES: readonly FlowRunCase[] = [
  refused('fr-run-id-number', 'runId is a number', { run: { runId: 42 } }, ['runId']),
  refused(
    'fr-run-id-mismatch',
    'the runId field names another run than the document id',
    { documentId: '20251215-102530_BTCUSDT_k3f7a', run: { runId: '20251215-102530_ETHUSDT_zz999' } },
    ['runId'],
  ),
  refused('fr-run-id-missing', 'the document has no runId field', { documentId: '20251215-102530_BTCUSDT_k3f7a', removeRun: ['runId'] }, ['runId']),
  refused(
    'fr-run-id-10k',
    'a pattern-valid runId of 10,000 characters',
    { run: { runId: `20251215-102530_${'B'.repeat(9_978)}_k3f7a` } },
    ['runId', 'at most 200'],
    { nothingWritten: true },
  ),
  refused('fr-run-id-dotdot', 'runId climbs out of the object prefix with ../', { run: { runId: '../../etc/20251215-102530_BTCUSDT_k3f7a' } }, ['runId']),
  refused('fr-run-id-slash', 'runId holds a / (BTC/USDT)', { run: { runId: '20251215-102530_BTC/USDT_k3f7a' } }, ['runId']),
  refused('fr-step-id-dotdot', 'stepId is ../../manifest', { stepKey: '../../manifest' }, ['stepId']),
  refused('fr-step-id-slash', 'stepId holds a /', { stepKey: 'charts/1M' }, ['stepId']),
  refused('fr-step-id-10k', 'stepId of 10,000 characters', { stepKey: LONG }, ['stepId', '10000 chars']),
  succeeds('fr-step-id-unicode', 'stepId with emoji and Cyrillic is a legal path segment', { stepKey: 'графики:1M:📈' }),
  succeeds('fr-step-id-200-cjk', 'stepId of 200 CJK characters (600 bytes of UTF-8): legal, and every object name still fits', { stepKey: '図'.repeat(200) }),
  refused(
    'fr-object-name-over-1024',
    'stepId and chartTemplateId of 200 non-ASCII characters each: legal ids, a PNG name over 1024 bytes',
    { stepKey: '図'.repeat(200), inputs: { minImages: 1, requests: [{ chartTemplateId: 'ж'.repeat(200) }] } },
    ['chartTemplateId', '1024'],
    { nothingWritten: true },
  ),
  flowRunCase(
    'fr-step-id-prototype',
    '--step-id toString (an Object.prototype member) is not a step',
    { commandStepId: 'toString' },
    { status: 'NOOP', noopReason: 'step-not-found', mentions: ['toString'] },
  ),
  succeeds('fr-step-key-constructor', 'a step keyed "constructor" runs like any other', { stepKey: 'constructor' }),
  refused('fr-template-id-dotdot', 'chartTemplateId ../secrets/key', { inputs: { requests: [{ chartTemplateId: '../secrets/key' }] } }, ['chartTemplateId']),
  refused('fr-template-id-slash', 'chartTemplateId with a /', { inputs: { requests: [{ chartTemplateId: 'ctpl/price' }] } }, ['chartTemplateId']),
  refused('fr-template-id-control', 'chartTemplateId with a NUL character', { inputs: { requests: [{ chartTemplateId: 'ctpl\u0000v1' }] } }, [
    'chartTemplateId',
    'control',
  ]),
  refused('fr-template-id-10k', 'chartTemplateId of 10,000 characters', { inputs: { requests: [{ chartTemplateId: LONG }] } }, ['chartTemplateId']),
  refused('fr-template-id-number', 'chartTemplateId is a number', { inputs: { requests: [{ chartTemplateId: 7 }] } }, ['chartTemplateId']),
  refused('fr-symbol-slash', 'scope.symbol BTC/USDT', { run: { scope: { symbol: 'BTC/USDT' } } }, ['scope.symbol', 'BTC/USDT']),
  refused('fr-symbol-unicode', 'scope.symbol with a non-ASCII letter', { run: { scope: { symbol: '₿TCUSDT' } } }, ['scope.symbol']),
  refused('fr-symbol-10k', 'scope.symbol of 10,000 characters', { run: { scope: { symbol: 'B'.repeat(10_000) } } }, ['scope.symbol']),
  refused('fr-scope-missing', 'no scope at all', { removeRun: ['scope'] }, ['scope']),
  refused('fr-flow-key-missing', 'no flowKey', { removeRun: ['flowKey'] }, ['flowKey']),
  refused('fr-min-images-negative', 'minImages -1', { inputs: { minImages: -1 } }, ['minImages', '-1']),
  refused('fr-min-images-fraction', 'minImages 1.5', { inputs: { minImages: 1.5 } }, ['minImages', '1.5']),
  refused('fr-min-images-string', 'minImages "2" (a string)', { inputs: { minImages: '2', requests: manyRequests(2, (i) => `ctpl_t${i + 1}_v1`) } }, [
    'minImages',
  ]),
  refused('fr-min-images-too-many', 'minImages 5 with one request', { inputs: { minImages: 5 } }, ['minImages', 'number of requests']),
  refused(
    'fr-duplicate-templates',
    'the same chartTemplateId requested twice',
    { inputs: { minImages: 1, requests: manyRequests(2, () => 'ctpl_price_ma1226_vol_v1') } },
    ['requests[1].chartTemplateId', 'duplicates'],
  ),
  refused('fr-requests-empty', 'requests is an empty array', { inputs: { minImages: 0, requests: [] } }, ['requests']),
  refused('fr-requests-not-array', 'requests is a string', { inputs: { requests: 'ctpl_price_ma1226_vol_v1' } }, ['requests']),
  refused(
    'fr-requests-non-objects',
    'requests holds a number, null and a valid request',
    { inputs: { minImages: 1, requests: [42, null, { chartTemplateId: 'ctpl_price_ma1226_vol_v1' }] } },
    ['requests[0]'],
  ),
  refused(
    'fr-requests-51',
    '51 distinct requests, one over the limit of 50',
    { inputs: { minImages: 1, requests: manyRequests(51, (i) => `ctpl_t${i + 1}_v1`) } },
    ['requests', 'at most 50'],
  ),
  refused(
    'fr-requests-10k-invalid',
    '10,000 requests with minImages -1: one bounded message',
    { inputs: { minImages: -1, requests: manyRequests(10_000, (i) => `ctpl_t${i + 1}_v1`) } },
    ['minImages', 'at most 50'],
  ),
  refused(
    'fr-requests-10k-duplicates',
    '10,000 requests of one template: a bounded message',
    { inputs: { minImages: 1, requests: manyRequests(10_000, () => 'ctpl_price_ma1226_vol_v1') } },
    ['requests', 'at most 50'],
  ),
  refused(
    'fr-duplicates-many',
    '50 requests of one template: a bounded message with "and N more"',
    { inputs: { minImages: 1, requests: manyRequests(50, () => 'ctpl_price_ma1226_vol_v1') } },
    ['duplicates', 'more'],
  ),
  refused('fr-timeframe-missing', 'the step has no timeframe', { removeStep: ['timeframe'] }, ['timeframe']),
  refused('fr-timeframe-unknown', 'timeframe 7x', { step: { timeframe: '7x' } }, ['timeframe', '7x']),
  refused('fr-inputs-null', 'inputs is null', { step: { inputs: null } }, ['inputs']),
  refused('fr-depends-on-string', 'dependsOn is a string, not an array', { step: { dependsOn: 'ohlcv_export:1M' } }, ['dependsOn']),
  refused('fr-step-extra-field', 'the step carries a field the schema does not know', { step: { lease: { owner: 'someone' } } }, ['lease']),
  noReadyStep('fr-status-lowercase', 'status "ready" (lowercase) is not READY', { step: { status: 'ready' } }),
  noReadyStep('fr-steps-array', 'steps is an array, not an object', { run: { steps: [{ stepType: 'CHART_EXPORT', status: 'READY' }] } }),
  noReadyStep('fr-step-not-object', 'the step is the string "READY"', { run: { steps: { 'charts:1M:x': 'READY' } } }),
  noReadyStep('fr-document-null', 'the document is null', { document: null }),
  noReadyStep('fr-document-array', 'the document is an array', { document: [1, 2, 3] }),
];
