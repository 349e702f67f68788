import { describe, expect, it } from '@jest/globals';
import { createSecretRedactor } from '@worker-chart-export/domain';
import { sanitizeForLog as sanitizeWith } from './sanitize.js';

const sanitizeForLog = (value: unknown, secrets: readonly string[]): unknown => sanitizeWith(value, createSecretRedactor(secrets));

describe('sanitizeForLog', () => {
  it('replaces every occurrence of every secret, in values and keys', () => {
    expect(sanitizeForLog({ 'k-abc': ['abc abc', { deep: 'xabcx' }] }, ['abc'])).toEqual({
      'k-[REDACTED]': ['[REDACTED] [REDACTED]', { deep: 'x[REDACTED]x' }],
    });
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(sanitizeForLog('key=abcdef', ['abc', 'abcdef'])).toBe('key=[REDACTED]');
  });

  it('replaces a secret written JSON-escaped or percent-encoded, in any case of hex digit', () => {
    const secret = 'sk-log/key';
    const entry = {
      escaped: String.raw`body {"message":"bad key \u0073\u006B-log\/key"}`,
      mixedCase: String.raw`\u0073\u006b\u002D\u006C\u006F\u0067\u002F\u006B\u0065\u0079`,
      percent: `url ?key=${encodeURIComponent(secret)} and %73%6b%2dlog%2fkey`,
    };
    expect(sanitizeForLog(entry, [secret])).toEqual({
      escaped: 'body {"message":"bad key [REDACTED]"}',
      mixedCase: '[REDACTED]',
      percent: 'url ?key=[REDACTED] and [REDACTED]',
    });
  });

  it('ignores empty secrets instead of mangling every string', () => {
    expect(sanitizeForLog('plain', [''])).toBe('plain');
  });

  it('turns errors into name and message without a stack, keeping a code', () => {
    const error = Object.assign(new TypeError('boom'), { code: 'ETIMEDOUT' });
    expect(sanitizeForLog({ error }, [])).toEqual({ error: { name: 'TypeError', message: 'boom', code: 'ETIMEDOUT' } });
  });

  it('makes cycles, bigints, dates, bytes and non-finite numbers JSON-safe', () => {
    const cyclic: Record<string, unknown> = { n: 1n, at: new Date('2026-01-01T00:00:00Z'), png: new Uint8Array(3), inf: Infinity };
    cyclic['self'] = cyclic;
    expect(sanitizeForLog(cyclic, [])).toEqual({ n: '1', at: '2026-01-01T00:00:00.000Z', png: '<3 bytes>', inf: 'Infinity', self: '[Circular]' });
  });

  it('drops undefined and functions, keeps a shared object seen twice', () => {
    const shared = { a: 1 };
    expect(sanitizeForLog({ u: undefined, f: () => 1, x: shared, y: shared, arr: [undefined] }, [])).toEqual({
      x: { a: 1 },
      y: { a: 1 },
      arr: [null],
    });
  });
});
