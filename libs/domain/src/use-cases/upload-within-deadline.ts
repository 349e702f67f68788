import type { Clock } from '../ports/clock.js';
import { within } from './clock-timer.js';
import { errorMessageOf } from './flow-run-views.js';

/**
 * Waits for `upload` until `deadline` (epoch milliseconds of the clock) and says why it did not finish, or
 * `undefined` once it is stored. An upload given up on keeps running (a port call cannot be cancelled), so a
 * late rejection of it is swallowed.
 */
export async function uploadWithinDeadline(clock: Clock, deadline: number, upload: Promise<unknown>): Promise<string | undefined> {
  let failure: string | undefined;
  try {
    const stored = await within(clock, deadline - clock.now().getTime(), upload);
    if (stored.timedOut) failure = 'the upload did not finish within the step deadline';
  } catch (cause) {
    failure = errorMessageOf(cause);
  }
  if (failure !== undefined) upload.catch(() => undefined);
  return failure;
}
