import { describe, expect, it } from '@jest/globals';
import { formatCompactUtc } from './format-compact-utc.js';
import { toRfc3339Utc } from './to-rfc3339-utc.js';

describe('formatCompactUtc', () => {
  it('formats an instant as YYYYMMDD-HHmmss in UTC', () => {
    expect(formatCompactUtc(new Date('2025-12-15T10:26:12Z'))).toBe('20251215-102612');
  });

  it('uses UTC whatever the offset the instant was written with', () => {
    expect(formatCompactUtc(new Date('2025-01-01T01:02:03+03:00'))).toBe('20241231-220203');
  });

  it('drops milliseconds instead of rounding them', () => {
    expect(formatCompactUtc(new Date('2025-03-04T05:06:07.999Z'))).toBe('20250304-050607');
  });

  it('rejects an invalid date', () => {
    expect(() => formatCompactUtc(new Date('nope'))).toThrow(RangeError);
  });
});

describe('toRfc3339Utc', () => {
  it('formats an instant with second precision and a Z suffix', () => {
    expect(toRfc3339Utc(new Date('2025-12-15T10:26:12Z'))).toBe('2025-12-15T10:26:12Z');
  });

  it('drops milliseconds so it names the same second as the compact form', () => {
    const at = new Date('2025-03-04T05:06:07.999Z');
    expect(toRfc3339Utc(at)).toBe('2025-03-04T05:06:07Z');
    expect(formatCompactUtc(at)).toBe('20250304-050607');
  });

  it('converts an instant written with an offset to UTC', () => {
    expect(toRfc3339Utc(new Date('2025-06-30T23:30:00-02:00'))).toBe('2025-07-01T01:30:00Z');
  });
});
