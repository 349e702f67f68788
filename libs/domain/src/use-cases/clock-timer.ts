import type { Clock } from '../ports/clock.js';

/** Runs `callback` after `ms` of the clock's time (the runtime's timer when the clock has none); returns a canceller. */
export function startTimer(clock: Clock, ms: number, callback: () => void): () => void {
  if (clock.setTimer !== undefined) return clock.setTimer(Math.max(0, ms), callback);
  const handle = setTimeout(callback, Math.max(0, ms));
  return () => clearTimeout(handle);
}

/**
 * `work`'s result, or `{ timedOut: true }` once the clock reaches `deadline` (epoch milliseconds). The work
 * itself is not cancelled (a port call cannot be), it is only no longer waited for; a late rejection of it
 * is no unhandled rejection, since the race has already subscribed to it.
 */
export async function within<T>(clock: Clock, deadline: number, work: Promise<T>): Promise<{ timedOut: false; value: T } | { timedOut: true }> {
  let cancel: () => void = () => undefined;
  const timeout = new Promise<{ timedOut: true }>((resolve) => {
    cancel = startTimer(clock, deadline - clock.now().getTime(), () => resolve({ timedOut: true }));
  });
  try {
    return await Promise.race([work.then((value) => ({ timedOut: false as const, value })), timeout]);
  } finally {
    cancel();
  }
}
