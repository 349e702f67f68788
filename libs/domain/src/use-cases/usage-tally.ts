import type { StepUsageSummary } from './run-chart-export-step.types.js';

interface AccountTally {
  calls: number;
  succeeded: number;
  failed: number;
}

/** Counts a step's Chart-IMG calls (D5): HTTP attempts per account; fixture replays apart, never as quota. */
export class UsageTally {
  private replayed = 0;
  private readonly byAccount = new Map<string, AccountTally>();

  countReplay(): void {
    this.replayed += 1;
  }

  countCall(accountId: string, succeeded: boolean): void {
    const tally = this.byAccount.get(accountId) ?? { calls: 0, succeeded: 0, failed: 0 };
    tally.calls += 1;
    if (succeeded) tally.succeeded += 1;
    else tally.failed += 1;
    this.byAccount.set(accountId, tally);
  }

  summary(): StepUsageSummary {
    const byAccount = Object.fromEntries([...this.byAccount].sort(([a], [b]) => a.localeCompare(b)).map(([id, t]) => [id, { ...t }]));
    const totals = [...this.byAccount.values()].reduce(
      (sum, t) => ({ calls: sum.calls + t.calls, succeeded: sum.succeeded + t.succeeded, failed: sum.failed + t.failed }),
      { calls: 0, succeeded: 0, failed: 0 },
    );
    return { ...totals, replayed: this.replayed, byAccount };
  }
}
