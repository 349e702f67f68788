import { describe, expect, it } from '@jest/globals';
import type { SweepOptions, SweepReport } from '@worker-chart-export/domain';
import { RecordingEventLog } from '@worker-chart-export/domain/testing';
import { handleSweep, SWEEP_REQUEST_BUDGET_MS } from './handle-sweep.js';

describe('handleSweep', () => {
  const launcher = (report: SweepReport) => {
    const given: SweepOptions[] = [];
    return { given, launcher: { sweep: async (_log: unknown, options: SweepOptions = {}) => (given.push(options), report) } };
  };

  it("gives the sweep the request's budget, below Cloud Run's 600 s request timeout", async () => {
    const { given, launcher: l } = launcher({ examined: 0, actions: [] });
    await handleSweep({ log: new RecordingEventLog(), launcher: l });
    expect(given).toEqual([{ budgetMs: SWEEP_REQUEST_BUDGET_MS }]);
    expect(SWEEP_REQUEST_BUDGET_MS).toBeLessThan(600_000);
  });

  it('answers the report, deferred leases included, and counts the actions in its log line', async () => {
    const report: SweepReport = {
      examined: 2,
      actions: [
        { runId: 'r', stepId: 'a', action: 'redriven', detail: 'SUCCEEDED' },
        { runId: 'r', stepId: 'b', action: 'deferred', detail: 'left for the next sweep' },
      ],
    };
    const log = new RecordingEventLog();
    const { launcher: l } = launcher(report);
    expect(await handleSweep({ log, launcher: l, sweepBudgetMs: 1_000 })).toEqual({ status: 200, body: report });
    expect(log.named('sweep.finished')[0]?.fields).toMatchObject({ examined: 2, actions: { redriven: 1, deferred: 1 } });
  });
});
