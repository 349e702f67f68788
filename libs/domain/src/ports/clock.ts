/** Time, injectable so tests and benchmarks control it. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` milliseconds (backoff, rate-limit waits). */
  sleep(ms: number): Promise<void>;
}
export const Clock = Symbol.for('worker-chart-export.Clock');
