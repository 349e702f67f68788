import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { AccountKeyring, UnknownAccountError } from './account-keyring.js';
import { anAccount } from './testing/index.js';

describe('AccountKeyring', () => {
  const keyring = new AccountKeyring([anAccount({ id: 'acc-a', apiKey: 'KEY-AAA-111' }), anAccount({ id: 'acc-b', apiKey: 'KEY-BBB-222' })]);

  it('gives the key of a configured account', () => {
    expect(keyring.keyFor('acc-b')).toBe('KEY-BBB-222');
  });

  it('rejects an unknown account by id, without any key', () => {
    expect(() => keyring.keyFor('acc-x')).toThrow(UnknownAccountError);
    expect(() => keyring.keyFor('acc-x')).toThrow('Chart-IMG account "acc-x" is not configured');
  });

  it('never shows a key through toString, JSON or util.inspect', () => {
    const shown = [String(keyring), `${keyring}`, JSON.stringify(keyring), inspect(keyring, { showHidden: true, depth: 5 }), JSON.stringify({ keyring })];

    for (const text of shown) {
      expect(text).not.toContain('KEY-AAA-111');
      expect(text).not.toContain('KEY-BBB-222');
      expect(text).toContain('acc-a');
    }
  });

  it('exposes no key through its enumerable properties', () => {
    expect(JSON.stringify(Object.entries(keyring))).not.toContain('KEY-');
  });

  it('scrubs every configured key from a text', () => {
    expect(keyring.scrub('sent KEY-AAA-111 then KEY-BBB-222 and KEY-AAA-111')).toBe('sent [redacted] then [redacted] and [redacted]');
  });

  it('scrubs a key a provider body echoes JSON-escaped or percent-encoded, so decoding the body cannot bring it back', () => {
    const bodies = [
      String.raw`{"message":"Invalid API key \u004B\u0045\u0059-AAA\u002d111"}`,
      '{"message":"Invalid API key %4B%45%59%2dAAA-111"}',
      String.raw`{"message":"key=KEY%2DBBB\u002D222"}`,
      String.raw`{"message":"percent-encoded, then escaped: \u00254B\u002545\u002559-AAA-111"}`,
    ];
    for (const body of bodies) {
      const scrubbed = keyring.scrub(body);
      expect(scrubbed).toContain('[redacted]');
      expect((JSON.parse(scrubbed) as { message: string }).message).not.toMatch(/KEY|AAA|BBB|%/);
    }
  });
});
