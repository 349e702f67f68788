import { describe, expect, it } from '@jest/globals';
import { domainError, type ErrorCode } from '../errors/error-codes.js';
import { decideStepOutcome } from './decide-step-outcome.js';

const failure = (code: ErrorCode) => domainError(code, `${code} happened`);

describe('decideStepOutcome', () => {
  it('succeeds when items reach minImages, even with failures', () => {
    expect(decideStepOutcome({ minImages: 2, requested: 3, items: 2, failures: [failure('CHART_API_FAILED')] })).toEqual({
      status: 'SUCCEEDED',
    });
  });

  it('succeeds with minImages 0 and nothing rendered', () => {
    expect(decideStepOutcome({ minImages: 0, requested: 1, items: 0, failures: [failure('CHART_API_FAILED')] }).status).toBe('SUCCEEDED');
  });

  it('fails below minImages with the most common code, the "n of m charts rendered" message and counted codes', () => {
    const outcome = decideStepOutcome({
      minImages: 2,
      requested: 3,
      items: 1,
      failures: [failure('CHART_API_FAILED'), failure('CHART_API_FAILED')],
    });
    expect(outcome).toEqual({
      status: 'FAILED',
      error: {
        code: 'CHART_API_FAILED',
        message: '1 of 3 charts rendered, minImages=2',
        details: { itemsCount: 1, failuresCount: 2, minImages: 2, codes: { CHART_API_FAILED: 2 } },
      },
    });
  });

  it('picks the majority code even when another comes first', () => {
    const outcome = decideStepOutcome({
      minImages: 4,
      requested: 4,
      items: 1,
      failures: [failure('VALIDATION_FAILED'), failure('CHART_API_LIMIT_EXCEEDED'), failure('CHART_API_LIMIT_EXCEEDED')],
    });
    expect(outcome.status === 'FAILED' && outcome.error.code).toBe('CHART_API_LIMIT_EXCEEDED');
    expect(outcome.status === 'FAILED' && outcome.error.details?.['codes']).toEqual({
      VALIDATION_FAILED: 1,
      CHART_API_LIMIT_EXCEEDED: 2,
    });
  });

  it('breaks a tie in favour of the code that appears first in request order', () => {
    const outcome = decideStepOutcome({
      minImages: 1,
      requested: 4,
      items: 0,
      failures: [failure('GCS_WRITE_FAILED'), failure('CHART_API_FAILED'), failure('CHART_API_FAILED'), failure('GCS_WRITE_FAILED')],
    });
    expect(outcome.status === 'FAILED' && outcome.error.code).toBe('GCS_WRITE_FAILED');
  });

  it('still fails, with VALIDATION_FAILED, when it falls short without any failure', () => {
    expect(decideStepOutcome({ minImages: 2, requested: 1, items: 1, failures: [] })).toEqual({
      status: 'FAILED',
      error: {
        code: 'VALIDATION_FAILED',
        message: '1 of 1 charts rendered, minImages=2',
        details: { itemsCount: 1, failuresCount: 0, minImages: 2, codes: {} },
      },
    });
  });
});
