import { describe, expect, it } from '@jest/globals';
import { SystemClock } from './system-clock.js';

describe('SystemClock', () => {
  it('tells the current time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sleeps at least the given milliseconds', async () => {
    const started = performance.now();

    await new SystemClock().sleep(20);

    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });
});
