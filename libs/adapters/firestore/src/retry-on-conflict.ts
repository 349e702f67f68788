/** gRPC status codes meaning "another writer got there first": read again and retry. */
const CONFLICT_CODES: ReadonlySet<number> = new Set([
  6, // ALREADY_EXISTS: a concurrent create()
  9, // FAILED_PRECONDITION: the document changed since it was read (lastUpdateTime precondition)
  10, // ABORTED: transaction contention
]);

/** true for a Firestore error that a fresh read and retry can resolve. */
export function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && CONFLICT_CODES.has(code);
}

export interface ConflictRetryOptions {
  /** Names the operation in the error thrown when attempts run out. */
  readonly what: string;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Runs a read-then-conditional-write `operation` until it does not conflict. Conditional writes
 * (update-time preconditions, create) are used instead of transactions: under contention
 * transactions abort, while a precondition loop always lets one writer through per round.
 */
export async function retryOnConflict<T>(options: ConflictRetryOptions, operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (attempt >= options.maxAttempts) {
        throw new Error(`${options.what}: still conflicting with concurrent writers after ${attempt} attempts`, {
          cause: error,
        });
      }
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt - 1, 10));
      // Full jitter spreads the contenders so the next round is not a tie again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
