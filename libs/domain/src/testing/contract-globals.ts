interface Assertions<R> {
  toBe(expected: unknown): R;
  toEqual(expected: unknown): R;
  toMatchObject(expected: object): R;
  toBeUndefined(): R;
  toBeInstanceOf(expected: unknown): R;
  toContain(expected: unknown): R;
  toHaveLength(length: number): R;
  toThrow(expected?: string | RegExp): R;
}

/** The matchers the port contracts use (jest's, by the same names). */
export interface ContractMatchers extends Assertions<void> {
  readonly not: Assertions<void>;
  readonly resolves: Assertions<Promise<void>>;
  readonly rejects: Assertions<Promise<void>>;
}

/** The runner's globals a contract suite declares its tests with. */
export interface ContractGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  expect(actual: unknown): ContractMatchers;
}

/**
 * The runner's globals, read when a suite is declared rather than imported, so that
 * `@worker-chart-export/domain/testing` stays importable without a test framework.
 */
export function contractGlobals(suite: string): ContractGlobals {
  const candidate = globalThis as Partial<ContractGlobals>;
  if (typeof candidate.describe !== 'function' || typeof candidate.it !== 'function' || typeof candidate.expect !== 'function') {
    throw new Error(`${suite} must be called from a test file run by jest (describe/it/expect globals)`);
  }
  return candidate as ContractGlobals;
}

/** Runs `body` on a fresh subject from `factory`, disposing of it whatever the outcome. */
export function withFresh<T extends { dispose?: () => Promise<void> }>(factory: () => Promise<T>, body: (subject: T) => Promise<void>): () => Promise<void> {
  return async () => {
    const subject = await factory();
    try {
      await body(subject);
    } finally {
      await subject.dispose?.();
    }
  };
}
