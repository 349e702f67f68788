import { describe, expect, it } from '@jest/globals';
import { scheduleSend, sendsAvailable } from './send-schedule.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

/** Schedules `count` calls in a row at `now` from `nextSendAt`: their send offsets and the schedule after them. */
function run(plan: 'BASIC' | 'PRO' | 'MEGA', count: number, nextSendAt?: Date): { offsets: number[]; next: Date | undefined } {
  let next = nextSendAt;
  const offsets: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const scheduled = scheduleSend(plan, next, NOW);
    offsets.push(scheduled.sendAt.getTime() - NOW.getTime());
    next = scheduled.nextSendAt;
  }
  return { offsets, next };
}

describe('scheduleSend', () => {
  it('lets a BASIC key send its burst of 3 at once, then one call a second', () => {
    expect(run('BASIC', 6).offsets).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('lets a PRO key send 15 at once, then one call every 100 ms', () => {
    expect(run('PRO', 17).offsets).toEqual([...Array.from({ length: 15 }, () => 0), 100, 200]);
  });

  it('never lets more than the burst go within one interval, whatever the plan', () => {
    for (const plan of ['BASIC', 'PRO', 'MEGA'] as const) {
      const { offsets } = run(plan, 60);
      const immediate = offsets.filter((offset) => offset === 0).length;
      expect(immediate).toBe({ BASIC: 3, PRO: 15, MEGA: 25 }[plan]);
    }
  });

  it('counts a past schedule as a full burst and a schedule ahead as spent burst', () => {
    expect(run('BASIC', 3, at(-60_000)).offsets).toEqual([0, 0, 0]);
    // Two calls already granted in the last instant: one left at once, then one a second.
    expect(run('BASIC', 3, at(2000)).offsets).toEqual([0, 1000, 2000]);
  });
});

describe('sendsAvailable', () => {
  it('is the burst after a quiet spell and shrinks by one per scheduled call', () => {
    expect(sendsAvailable('BASIC', undefined, NOW)).toBe(3);
    expect(sendsAvailable('MEGA', undefined, NOW)).toBe(25);
    expect(sendsAvailable('BASIC', run('BASIC', 1).next, NOW)).toBe(2);
    expect(sendsAvailable('BASIC', run('BASIC', 3).next, NOW)).toBe(0);
    expect(sendsAvailable('MEGA', run('MEGA', 10).next, NOW)).toBe(15);
  });
});
