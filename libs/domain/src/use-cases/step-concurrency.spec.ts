import { describe, expect, it } from '@jest/globals';
import type { AccountPool } from '../ports/account-pool.js';
import {
  aChartExportStep,
  aFlowRun,
  FakeClock,
  InMemoryAccountPool,
  inMemoryStepRig,
  okPng,
  requestsFor,
  STEP_ID,
  ScriptedChartApi,
} from '../testing/index.js';
import type { ChartExportSettings } from './run-chart-export-step.types.js';
import { stepConcurrency } from './step-concurrency.js';

const pool = (capacity?: number): AccountPool => ({
  reserve: () => Promise.reject(new Error('not used')),
  record: () => Promise.resolve(),
  release: () => Promise.resolve(),
  ...(capacity === undefined ? {} : { sendCapacity: () => capacity }),
});

describe('stepConcurrency', () => {
  it('renders every request at once when the accounts and the cap allow it', () => {
    expect(stepConcurrency(5, 8, pool(30))).toBe(5);
  });

  it('honours the cap', () => {
    expect(stepConcurrency(20, 8, pool(30))).toBe(8);
    expect(stepConcurrency(5, 4, pool(30))).toBe(4);
  });

  it('renders no more at once than the accounts can send right now, and at least one', () => {
    expect(stepConcurrency(5, 8, pool(3))).toBe(3);
    expect(stepConcurrency(5, 8, pool(0))).toBe(1);
  });

  it('leaves a pool that does not know its capacity to the cap', () => {
    expect(stepConcurrency(20, 8, pool())).toBe(8);
  });
});

describe('a step with the default settings', () => {
  /** Runs a step of `count` requests on `accounts`; resolves the most renders in flight at once and the accounts used. */
  async function peakInFlight(count: number, accounts: ConstructorParameters<typeof InMemoryAccountPool>[0], settings: Partial<ChartExportSettings> = {}) {
    const clock = new FakeClock('2025-12-15T10:26:12Z');
    let inFlight = 0;
    let peak = 0;
    const chartApi = new ScriptedChartApi(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return okPng();
    });
    const rig = inMemoryStepRig({
      clock,
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: count, requests: requestsFor(count) }) }),
      chartApi,
      accounts: new InMemoryAccountPool(accounts, clock),
      settings,
    });
    const result = await rig.run();
    return { status: result.status, peak, reservations: rig.accounts.reservations };
  }

  it('renders every request at once on the first account by priority when its burst allows', async () => {
    const run = await peakInFlight(5, [
      { id: 'second', priority: 2, plan: 'PRO' },
      { id: 'first', priority: 1, plan: 'PRO' },
    ]);

    expect(run).toEqual({ status: 'SUCCEEDED', peak: 5, reservations: ['first', 'first', 'first', 'first', 'first'] });
  });

  it('renders no more at once than the accounts’ burst (BASIC: 3)', async () => {
    expect(await peakInFlight(5, [{ id: 'basic', plan: 'BASIC' }])).toMatchObject({ status: 'SUCCEEDED', peak: 3 });
  });

  it('renders no more at once than the cap, default 8, or CHART_EXPORT_CONCURRENCY', async () => {
    expect(await peakInFlight(20, [{ id: 'pro', plan: 'PRO', dailyLimit: 500 }])).toMatchObject({ status: 'SUCCEEDED', peak: 8 });
    expect(await peakInFlight(5, [{ id: 'pro', plan: 'PRO' }], { concurrency: 2 })).toMatchObject({ status: 'SUCCEEDED', peak: 2 });
  });
});
