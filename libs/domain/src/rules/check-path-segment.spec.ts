import { describe, expect, it } from '@jest/globals';
import { checkPathSegment } from './check-path-segment.js';

describe('checkPathSegment', () => {
  it('accepts ids used by the upstream vectors, colons included', () => {
    expect(checkPathSegment('stepId', 'charts:1M:ctpl_price_ma1226_vol_v1')).toBeUndefined();
    expect(checkPathSegment('chartTemplateId', 'ctpl_price_ma1226_vol_v1')).toBeUndefined();
  });

  it('accepts an id of exactly 200 characters and refuses 201', () => {
    expect(checkPathSegment('stepId', 'a'.repeat(200))).toBeUndefined();
    expect(checkPathSegment('stepId', 'a'.repeat(201))?.message).toMatch(/^stepId must be 1 to 200 characters long, got "a+"… \(201 chars\)$/);
  });

  it.each([
    ['an empty string', ''],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a double dot', 'a..b'],
    ['a lone dot', '.'],
    ['a newline', 'a\nb'],
    ['a NUL', 'a\u0000b'],
    ['a DEL', 'a\u007fb'],
  ])('refuses %s', (_label, value) => {
    const error = checkPathSegment('steps["x"].inputs.requests[0].chartTemplateId', value);
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.message).toContain('steps["x"].inputs.requests[0].chartTemplateId ');
    expect(error?.details).toEqual({ field: 'steps["x"].inputs.requests[0].chartTemplateId', value: JSON.stringify(value) });
  });

  it('refuses a value that is not a string and names it', () => {
    expect(checkPathSegment('stepId', 42)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'stepId must be a string, got 42',
      details: { field: 'stepId', value: '42' },
    });
  });

  it('names the slash rule and the value in the message', () => {
    expect(checkPathSegment('stepId', 'a/b')?.message).toBe('stepId must not contain "/" or "\\", got "a/b"');
  });
});
