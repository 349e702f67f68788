import { describe, expect, it } from '@jest/globals';
import { isWriteConflict, retryOnConflict } from './retry-on-conflict.js';

const OPTIONS = { what: 'claiming step s', maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const conflict = (code: number) => Object.assign(new Error(`conflict ${code}`), { code });

describe('retryOnConflict', () => {
  it('treats ALREADY_EXISTS, FAILED_PRECONDITION and ABORTED as conflicts, nothing else', () => {
    expect([6, 9, 10].map((code) => isWriteConflict(conflict(code)))).toEqual([true, true, true]);
    expect([3, 5, 7, 14].map((code) => isWriteConflict(conflict(code)))).toEqual([false, false, false, false]);
    expect(isWriteConflict(new Error('plain'))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
  });

  it('runs the operation again after a conflict and returns its result', async () => {
    let calls = 0;
    const result = await retryOnConflict(OPTIONS, async () => {
      calls += 1;
      if (calls < 3) throw conflict(9);
      return 'done';
    });

    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts with a message naming the operation', async () => {
    let calls = 0;
    const failing = retryOnConflict(OPTIONS, async () => {
      calls += 1;
      throw conflict(10);
    });

    await expect(failing).rejects.toThrow('claiming step s: still conflicting with concurrent writers after 3 attempts');
    expect(calls).toBe(3);
  });

  it('passes other errors through at once', async () => {
    let calls = 0;
    const failing = retryOnConflict(OPTIONS, async () => {
      calls += 1;
      throw conflict(14);
    });

    await expect(failing).rejects.toThrow('conflict 14');
    expect(calls).toBe(1);
  });
});
