import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '@worker-chart-export/domain';

/** The real clock plus an offset a test can move forward, to let a lease expire without waiting for it. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  async sleep(ms: number): Promise<void> {
    await delay(Math.max(0, ms));
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
