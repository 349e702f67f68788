import type { Clock } from '../ports/clock.js';
import { within } from './clock-timer.js';
import { errorMessageOf } from './error-message-of.js';

/**
 * Waits for `upload` until `deadline` (epoch milliseconds of the clock) and says why it did not finish, or
 * `undefined` once it is stored. An upload given up on keeps running (a port call cannot be cancelled).
 */
export async function uploadWithinDeadline(clock: Clock, deadline: number, upload: Promise<unknown>): Promise<string | undefined> {
  try {
    const stored = await within(clock, deadline, upload);
    return stored.timedOut ? 'the upload did not finish within the step deadline' : undefined;
  } catch (cause) {
    return errorMessageOf(cause);
  }
}
