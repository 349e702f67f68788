import { describe, expect, it } from '@jest/globals';
import type { StepLease } from '../ports/step-lease-store.js';
import { acquireLease } from './acquire-lease.js';

const T0 = new Date('2025-12-15T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const params = (owner: string, now: Date) => ({ runId: 'r', stepId: 's', owner, now, ttlMs: 60_000 });
const render = { chartTemplateId: 't', objectPath: 'charts/r/s/x.png', generatedAt: '2025-12-15T10:00:01Z', kind: 'k' };
const existing = (owner: string, expiresAt: Date, attempt = 1): StepLease => ({
  runId: 'r',
  stepId: 's',
  owner,
  attempt,
  claimedAt: T0,
  expiresAt,
  storedRenders: [render],
  usageByAttempt: { [String(attempt)]: usage },
});
const usage = { calls: 2, succeeded: 1, failed: 1, replayed: 0, byAccount: { acc: { calls: 2, succeeded: 1, failed: 1 } } };

describe('acquireLease', () => {
  it('starts attempt 1 when there is no lease', () => {
    expect(acquireLease(undefined, params('a', T0))).toEqual({
      type: 'acquired',
      lease: {
        runId: 'r',
        stepId: 's',
        owner: 'a',
        attempt: 1,
        claimedAt: T0,
        firstClaimedAt: T0,
        expiresAt: at(60_000),
        storedRenders: [],
        usageByAttempt: {},
      },
    });
  });

  it('reports a live lease of another owner as held', () => {
    const lease = existing('a', at(30_000));
    expect(acquireLease(lease, params('b', at(10_000)))).toEqual({ type: 'held', lease });
  });

  it("takes over an expired lease as the next attempt, keeping the stored renders and the earlier attempts' calls", () => {
    const result = acquireLease(existing('a', at(30_000), 2), params('b', at(30_000)));
    expect(result).toMatchObject({
      type: 'acquired',
      lease: { owner: 'b', attempt: 3, storedRenders: [render], usageByAttempt: { '2': usage }, expiresAt: at(90_000) },
    });
  });

  it("keeps the first attempt's start across take-overs, so a re-drive can tell this run's PNGs from older ones", () => {
    const first = acquireLease(undefined, params('a', T0));
    if (first.type !== 'acquired') throw new Error('expected the first acquisition');
    const second = acquireLease(first.lease, params('b', at(70_000)));
    const third = second.type === 'acquired' ? acquireLease(second.lease, params('c', at(140_000))) : second;
    expect(third).toMatchObject({ type: 'acquired', lease: { attempt: 3, claimedAt: at(140_000), firstClaimedAt: T0 } });
  });

  it('extends the owner’s own live lease without counting a new attempt', () => {
    const result = acquireLease(existing('a', at(30_000)), params('a', at(10_000)));
    expect(result).toMatchObject({ type: 'acquired', lease: { owner: 'a', attempt: 1, expiresAt: at(70_000) } });
  });
});
