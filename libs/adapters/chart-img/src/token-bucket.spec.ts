import { describe, expect, it } from '@jest/globals';
import type { Clock } from '@worker-chart-export/domain';
import { TokenBucket } from './token-bucket.js';

/** A clock whose time only moves when the test says so; sleeps resolve at once. */
function frozenClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    sleep: () => Promise.resolve(),
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('TokenBucket', () => {
  it('lets a full burst through at once, then spaces calls by the rate', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 3, clock: frozenClock() });

    const waits = await Promise.all([1, 2, 3, 4, 5].map(() => bucket.take()));

    expect(waits).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('refills with time, but never beyond the burst', async () => {
    const clock = frozenClock();
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 3, clock });
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);

    clock.advance(60_000);
    const waits = await Promise.all([1, 2, 3, 4].map(() => bucket.take()));

    expect(waits).toEqual([0, 0, 0, 1000]);
  });

  it('counts a waiting caller against the bucket, so later callers queue behind it', async () => {
    const clock = frozenClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, clock });
    expect(await bucket.take()).toBe(0);
    expect(await bucket.take()).toBe(100);

    clock.advance(50);
    expect(await bucket.take()).toBe(150);
  });

  it('adds the safety margin to every wait', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 1, clock: frozenClock(), marginMs: 25 });

    expect(await Promise.all([bucket.take(), bucket.take()])).toEqual([0, 525]);
  });

  it('keeps a BASIC account at or under burst 3 in any second over a long run', async () => {
    let now = 0;
    const sent: number[] = [];
    const clock: Clock = {
      now: () => new Date(now),
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    };
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 3, clock });
    for (let i = 0; i < 20; i += 1) {
      await bucket.take();
      sent.push(now);
    }

    for (const start of sent) {
      expect(sent.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
    }
    expect(sent.at(-1)).toBe(17_000);
  });

  it('takeWithin grants a token whose wait fits in the budget, and waits for it', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, clock: frozenClock(), marginMs: 50 });
    await bucket.take();

    expect(await bucket.takeWithin(1051)).toBe(1050);
  });

  it('takeWithin refuses at once, without going into debt, when the wait would use the whole budget', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, clock: frozenClock() });
    await bucket.take();

    const refused = [await bucket.takeWithin(1000), await bucket.takeWithin(500)];

    expect(refused).toEqual([undefined, undefined]);
    // The refusals left no debt: the next caller waits one interval, not three.
    expect(await bucket.take()).toBe(1000);
  });

  it('takeWithin grants an available token whatever the budget', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2, clock: frozenClock() });

    expect(await Promise.all([bucket.takeWithin(1), bucket.takeWithin(1), bucket.takeWithin(1)])).toEqual([0, 0, undefined]);
  });

  it('refuses a rate or burst that could never let a call through', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 3, clock: frozenClock() })).toThrow('ratePerSecond > 0');
  });
});
