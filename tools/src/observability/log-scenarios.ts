import type { ChartImgAccount } from '@worker-chart-export/domain';
import type { FakeAccount, FakeFault } from '../fake-chart-img/index.js';

/** A configured Chart-IMG account with a distinctive key: any trace of it in an output is a leak. */
export function obsAccount(id: string, fields: Partial<Omit<ChartImgAccount, 'id' | 'apiKey'>> = {}): ChartImgAccount {
  return { id, apiKey: `obs-key-${id}-7f3a9c21e4b05d68aa19`, plan: 'PRO', dailyLimit: 44, priority: 100, ...fields };
}

/** One run of a CHART_EXPORT step (two requests, minImages 1) through the use case with real adapters. */
export interface LogScenario {
  readonly name: string;
  /** The accounts the worker is configured with (`CHART_IMG_ACCOUNTS_JSON`). */
  readonly accounts: readonly ChartImgAccount[];
  /** What the fake Chart-IMG knows; default: the configured keys and plans. */
  readonly providerAccounts?: readonly FakeAccount[];
  readonly fault?: FakeFault;
  /** `mock`: fixtures from an empty directory (every request misses); default `real` against the fake. */
  readonly mode?: 'real' | 'mock';
  /** Changes to the step's inputs. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** Make the blob store refuse PNGs or the manifest. */
  readonly failBlob?: 'png' | 'manifest';
  readonly expect: {
    readonly status: 'SUCCEEDED' | 'FAILED';
    readonly code?: string;
    /** Events that must be among those emitted. */
    readonly events: readonly string[];
    /** The all-accounts-exhausted ERROR event is expected (once). */
    readonly exhausted?: boolean;
  };
}

const A = obsAccount('acc-a', { priority: 10 });
const B = obsAccount('acc-b', { priority: 20 });
const key = (account: ChartImgAccount, fields: Partial<FakeAccount> = {}): FakeAccount => ({
  id: account.id,
  apiKey: account.apiKey,
  plan: account.plan,
  ...fields,
});

/** The scenarios run to check the log catalog (docs/log-events.md): success, validation failure, Chart-IMG 429/403/5xx, exhaustion, GCS, mock missing. */
export const LOG_SCENARIOS: readonly LogScenario[] = [
  {
    name: 'success',
    accounts: [A, B],
    expect: {
      status: 'SUCCEEDED',
      events: ['step.claimed', 'chart_api.call.started', 'chart_api.call.finished', 'png.stored', 'manifest.written', 'step.completed'],
    },
  },
  {
    name: 'validation failure',
    accounts: [A],
    inputs: { minImages: -1 },
    expect: { status: 'FAILED', code: 'VALIDATION_FAILED', events: ['step.validation_failed', 'step.completed'] },
  },
  {
    name: 'Chart-IMG 429 Limit Exceeded on the first account',
    accounts: [A, B],
    providerAccounts: [key(A, { dailyLimit: 0 }), key(B)],
    expect: { status: 'SUCCEEDED', events: ['chart_api.call.finished', 'png.stored', 'step.completed'] },
  },
  {
    name: 'Chart-IMG 429 Too Many Requests, then success',
    accounts: [A],
    fault: { type: 'too-many-requests', times: 2 },
    expect: { status: 'SUCCEEDED', events: ['chart_api.call.finished', 'png.stored', 'step.completed'] },
  },
  {
    name: 'Chart-IMG 403 on a key the provider rejects',
    accounts: [A, B],
    providerAccounts: [key(B)],
    expect: { status: 'SUCCEEDED', events: ['chart_api.call.finished', 'png.stored', 'step.completed'] },
  },
  {
    name: 'Chart-IMG 5xx on every attempt',
    accounts: [A, B],
    fault: { type: 'server-error', times: 100, status: 503 },
    expect: { status: 'FAILED', code: 'CHART_API_FAILED', events: ['chart_api.call.finished', 'request.failed', 'manifest.written', 'step.completed'] },
  },
  {
    name: 'all accounts exhausted in the pool (no HTTP)',
    accounts: [obsAccount('acc-a', { dailyLimit: 0 }), obsAccount('acc-b', { dailyLimit: 0 })],
    expect: {
      status: 'FAILED',
      code: 'CHART_API_LIMIT_EXCEEDED',
      events: ['chart_api.accounts_exhausted', 'request.failed', 'step.completed'],
      exhausted: true,
    },
  },
  {
    name: 'all accounts answer Limit Exceeded',
    accounts: [A, B],
    providerAccounts: [key(A, { dailyLimit: 0 }), key(B, { dailyLimit: 0 })],
    expect: {
      status: 'FAILED',
      code: 'CHART_API_LIMIT_EXCEEDED',
      events: ['chart_api.accounts_exhausted', 'request.failed', 'step.completed'],
      exhausted: true,
    },
  },
  {
    name: 'GCS write failure on PNGs',
    accounts: [A],
    failBlob: 'png',
    expect: { status: 'FAILED', code: 'GCS_WRITE_FAILED', events: ['request.failed', 'manifest.written', 'step.completed'] },
  },
  {
    name: 'GCS write failure on the manifest',
    accounts: [A],
    failBlob: 'manifest',
    expect: { status: 'FAILED', code: 'MANIFEST_WRITE_FAILED', events: ['png.stored', 'manifest.write_failed', 'step.completed'] },
  },
  {
    name: 'mock mode, fixture missing',
    accounts: [A],
    mode: 'mock',
    expect: { status: 'FAILED', code: 'CHART_API_MOCK_MISSING', events: ['chart_api.call.finished', 'request.failed', 'step.completed'] },
  },
  {
    name: 'the provider echoes the key in its error message',
    accounts: [A],
    fault: { type: 'server-error', times: 100, status: 401, message: `Invalid API key ${A.apiKey}` },
    expect: { status: 'FAILED', code: 'CHART_API_FAILED', events: ['chart_api.call.finished', 'request.failed', 'step.completed'] },
  },
];

/**
 * Scenarios whose outputs still carry a configured key, with the bug. The spec asserts they still leak (so a
 * fix shows) and that every other scenario is clean. Remove an entry once its bug is fixed.
 */
export const KNOWN_REDACTION_FAILURES: Readonly<Record<string, string>> = {};
