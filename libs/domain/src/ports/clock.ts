/** Time, injectable so tests and benchmarks control it. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` milliseconds (backoff, rate-limit waits). */
  sleep(ms: number): Promise<void>;
  /**
   * Calls `callback` once after `ms` milliseconds of this clock's time; the returned function cancels it.
   * Used for the lease heartbeat and phase deadlines. Optional: without it the runtime's timers are used.
   */
  setTimer?(ms: number, callback: () => void): () => void;
}
export const Clock = Symbol.for('worker-chart-export.Clock');
