import type { StepUsageSummary } from './run-chart-export-step.types.js';

interface AccountTally {
  calls: number;
  succeeded: number;
  failed: number;
}

/** Counts a step's Chart-IMG calls: HTTP attempts per account; fixture replays and local renders apart, never as quota. */
export class UsageTally {
  private replayed = 0;
  private renderedLocally = 0;
  private readonly byAccount = new Map<string, AccountTally>();
  private readonly listeners: Array<() => void> = [];

  countReplay(): void {
    this.replayed += 1;
    this.changed();
  }

  /** A chart the local renderer drew (a failed local render draws nothing and counts nothing). */
  countLocal(drawn: boolean): void {
    if (!drawn) return;
    this.renderedLocally += 1;
    this.changed();
  }

  countCall(accountId: string, succeeded: boolean): void {
    const tally = this.byAccount.get(accountId) ?? { calls: 0, succeeded: 0, failed: 0 };
    tally.calls += 1;
    if (succeeded) tally.succeeded += 1;
    else tally.failed += 1;
    this.byAccount.set(accountId, tally);
    this.changed();
  }

  /** Calls `listener` after every count (the lease keeps each attempt's counts). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  summary(): StepUsageSummary {
    return sumUsage([
      {
        calls: 0,
        succeeded: 0,
        failed: 0,
        replayed: this.replayed,
        ...(this.renderedLocally === 0 ? {} : { renderedLocally: this.renderedLocally }),
        byAccount: Object.fromEntries(this.byAccount),
      },
    ]);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The sum of several usage summaries (every attempt of a step), accounts sorted by id. */
export function sumUsage(parts: readonly StepUsageSummary[]): StepUsageSummary {
  const byAccount = new Map<string, AccountTally>();
  let replayed = 0;
  let renderedLocally = 0;
  for (const part of parts) {
    replayed += part.replayed;
    renderedLocally += part.renderedLocally ?? 0;
    for (const [id, t] of Object.entries(part.byAccount)) {
      const sum = byAccount.get(id) ?? { calls: 0, succeeded: 0, failed: 0 };
      byAccount.set(id, { calls: sum.calls + t.calls, succeeded: sum.succeeded + t.succeeded, failed: sum.failed + t.failed });
    }
  }
  const totals = [...byAccount.values()].reduce(
    (sum, t) => ({ calls: sum.calls + t.calls, succeeded: sum.succeeded + t.succeeded, failed: sum.failed + t.failed }),
    { calls: 0, succeeded: 0, failed: 0 },
  );
  // Absent rather than 0, so usage written before the local renderer existed reads the same.
  return {
    ...totals,
    replayed,
    ...(renderedLocally === 0 ? {} : { renderedLocally }),
    byAccount: Object.fromEntries([...byAccount].sort(([a], [b]) => a.localeCompare(b))),
  };
}
