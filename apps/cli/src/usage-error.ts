import type { ConfigResult } from './config/config-result.js';

/** A usage or configuration problem: the command prints its message as one stderr line and exits 2. */
export class UsageError extends Error {}

/** The value of a resolved configuration, or a {@link UsageError} with its message. */
export function required<T>(result: ConfigResult<T>): T {
  if (!result.ok) throw new UsageError(result.message);
  return result.value;
}

/** A thrown value's message, for a one-line report. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
