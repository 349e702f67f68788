import { describe, expect, it } from '@jest/globals';
import { isWriteConflict, retryOnConflict } from './retry-on-conflict.js';

const OPTIONS = { what: 'claiming step s', maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const conflict = (code: number) => Object.assign(new Error(`conflict ${code}`), { code });

/** An operation that throws what `failureOnCall` gives for its n-th call (1-based), else returns 'done'; counts its calls. */
function scripted(failureOnCall: (call: number) => Error | undefined) {
  let calls = 0;
  return {
    calls: () => calls,
    operation: async () => {
      calls += 1;
      const failure = failureOnCall(calls);
      if (failure !== undefined) throw failure;
      return 'done';
    },
  };
}

describe('retryOnConflict', () => {
  it('treats ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED as conflicts, nothing else', () => {
    expect([6, 9, 10].map((code) => isWriteConflict(conflict(code)))).toEqual([true, true, true]);
    expect([3, 5, 7, 14].map((code) => isWriteConflict(conflict(code)))).toEqual([false, false, false, false]);
    expect(isWriteConflict(new Error('plain'))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
  });

  it('runs the operation again after a conflict and returns its result', async () => {
    const op = scripted((call) => (call < 3 ? conflict(9) : undefined));

    await expect(retryOnConflict(OPTIONS, op.operation)).resolves.toBe('done');
    expect(op.calls()).toBe(3);
  });

  it('gives up after maxAttempts with a message naming the operation', async () => {
    const op = scripted(() => conflict(10));

    await expect(retryOnConflict(OPTIONS, op.operation)).rejects.toThrow('claiming step s: still conflicting with concurrent writers after 3 attempts');
    expect(op.calls()).toBe(3);
  });

  it('passes other errors through at once', async () => {
    const op = scripted(() => conflict(14));

    await expect(retryOnConflict(OPTIONS, op.operation)).rejects.toThrow('conflict 14');
    expect(op.calls()).toBe(1);
  });
});
