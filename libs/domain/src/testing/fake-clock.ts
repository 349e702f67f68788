import type { Clock } from '../ports/clock.js';

interface Timer {
  readonly dueAt: number;
  readonly callback: () => void;
}

/**
 * A Clock whose time moves only when told to; `sleep` advances it instantly and records the wait. Timers fire,
 * in due order, when time is moved past them (by `advance`, `set` or `sleep`).
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private current: number;
  private timers: Timer[] = [];

  constructor(start: Date | string = '2025-12-15T10:26:12Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.moveTo(this.current + ms);
  }

  setTimer(ms: number, callback: () => void): () => void {
    const timer: Timer = { dueAt: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    this.moveTo(this.current + ms);
  }

  set(to: Date | string): void {
    this.moveTo(new Date(to).getTime());
  }

  /** Timers not fired yet. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private moveTo(target: number): void {
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.dueAt - b.dueAt)[0];
      if (next === undefined || next.dueAt > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.dueAt);
      next.callback();
    }
    this.current = target;
  }
}
