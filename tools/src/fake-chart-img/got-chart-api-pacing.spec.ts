import { afterEach, describe, expect, it } from '@jest/globals';
import { AccountKeyring, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { aChartCall } from '@worker-chart-export/adapter-chart-img/testing';
import type { ChartApiResponse, Clock } from '@worker-chart-export/domain';
import { startFakeChartImg } from './fake-chart-img.js';
import type { FakeChartImg } from './fake-chart-img-types.js';

const BASIC_KEY = 'basic-key-for-pacing-1234';

/**
 * One virtual clock for the client's token bucket and the fake's rate limiter: time moves only when the
 * driver steps it to the next sleeper's wake-up, so every request reaches the fake at exactly the virtual
 * instant it was sent, however loaded the machine is.
 */
class SteppedClock implements Clock {
  private current = Date.parse('2026-03-02T09:00:00Z');
  private sleepers: { at: number; wake: () => void }[] = [];

  now(): Date {
    return new Date(this.current);
  }

  nowMs(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.current + ms, wake }));
  }

  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Moves to the earliest wake-up and wakes every sleeper due then; false when nobody sleeps. */
  step(): boolean {
    const next = Math.min(...this.sleepers.map((sleeper) => sleeper.at));
    if (!Number.isFinite(next)) return false;
    this.current = Math.max(this.current, next);
    const due = this.sleepers.filter((sleeper) => sleeper.at <= this.current);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.current);
    due.forEach((sleeper) => sleeper.wake());
    return true;
  }
}

/**
 * Runs `count` concurrent renders on one account, stepping the clock only once every render still running
 * is asleep (the others' requests have been answered): virtual time never passes during a request.
 */
async function renderConcurrently(api: GotChartApi, clock: SteppedClock, count: number): Promise<ChartApiResponse[]> {
  let running = count;
  const renders = Array.from({ length: count }, () =>
    api.render(aChartCall(), { accountId: 'basic', plan: 'BASIC' }, 60_000).finally(() => {
      running -= 1;
    }),
  );
  while (running > 0) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (running > 0 && clock.sleeping === running) clock.step();
  }
  return Promise.all(renders);
}

describe('GotChartApi pacing against the fake Chart-IMG, on one virtual clock', () => {
  let fake: FakeChartImg | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setUp(arrivalLagMs: (arrived: number) => number): Promise<{ api: GotChartApi; clock: SteppedClock }> {
    const clock = new SteppedClock();
    const started = await startFakeChartImg({
      accounts: [{ id: 'basic', apiKey: BASIC_KEY, plan: 'BASIC' }],
      now: () => clock.nowMs() + arrivalLagMs(fake?.calls.length ?? 0),
    });
    fake = started;
    const api = new GotChartApi({ baseUrl: started.url, keyring: new AccountKeyring([{ id: 'basic', apiKey: BASIC_KEY }]), clock });
    return { api, clock };
  }

  it('keeps a BASIC account under the provider’s rate: 6 concurrent renders, no Too Many Requests', async () => {
    const { api, clock } = await setUp(() => 0);

    const responses = await renderConcurrently(api, clock, 6);

    expect(responses.map((response) => (response.kind === 'http' ? response.status : response.kind))).toEqual([200, 200, 200, 200, 200, 200]);
    expect(fake?.calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200, 200]);
  }, 20_000);

  it('still does when the first burst reaches the provider 300 ms late (a new connection’s TCP/TLS set-up)', async () => {
    // The provider's bucket is full until the late burst lands, so it starts refilling 300 ms after the client's.
    const { api, clock } = await setUp((arrived) => (arrived < 3 ? 300 : 0));

    await renderConcurrently(api, clock, 6);

    expect(fake?.calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200, 200]);
  }, 20_000);
});
