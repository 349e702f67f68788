import { describe, expect, it } from '@jest/globals';
import { stepDeadline } from './step-deadline.js';

describe('stepDeadline', () => {
  it('keeps the last 30 s of the default 240 s for uploads, manifest and finalize, in that order', () => {
    expect(stepDeadline(0, 240_000)).toEqual({ renderBy: 210_000, uploadsBy: 220_000, manifestBy: 232_500, finalizeBy: 240_000 });
  });

  it('keeps a quarter of a smaller budget', () => {
    expect(stepDeadline(1_000, 60_000)).toMatchObject({ renderBy: 46_000, finalizeBy: 61_000 });
    expect(stepDeadline(0, 4_000)).toEqual({ renderBy: 3_000, uploadsBy: 3_333, manifestBy: 3_750, finalizeBy: 4_000 });
  });
});
