import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '@worker-chart-export/domain';

/** The real clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  async sleep(ms: number): Promise<void> {
    await delay(Math.max(0, ms));
  }
}
