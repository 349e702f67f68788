import { describe, expect, it } from '@jest/globals';
import { parseAccountsConfig } from './parse-accounts-config.js';

const KEY = 'ck_LEAK_9f8e7d6c5b4a';

function failureOf(raw: string): string {
  const result = parseAccountsConfig(raw);
  if (result.ok) throw new Error(`expected a failure for ${raw}`);
  return result.message;
}

describe('parseAccountsConfig', () => {
  it('applies the defaults: plan BASIC, dailyLimit 44, priority 100', () => {
    expect(parseAccountsConfig(JSON.stringify([{ id: 'acc1', apiKey: KEY }]))).toEqual({
      ok: true,
      accounts: [{ id: 'acc1', apiKey: KEY, plan: 'BASIC', dailyLimit: 44, priority: 100 }],
    });
  });

  it('keeps the given plan, dailyLimit and priority', () => {
    const raw = JSON.stringify([
      { id: 'acc1', apiKey: KEY, plan: 'PRO', dailyLimit: 0, priority: -5 },
      { id: 'acc2', apiKey: 'other', plan: 'ENTERPRISE', dailyLimit: 5000, priority: 1 },
    ]);
    expect(parseAccountsConfig(raw)).toEqual({
      ok: true,
      accounts: [
        { id: 'acc1', apiKey: KEY, plan: 'PRO', dailyLimit: 0, priority: -5 },
        { id: 'acc2', apiKey: 'other', plan: 'ENTERPRISE', dailyLimit: 5000, priority: 1 },
      ],
    });
  });

  it('accepts an empty array', () => {
    expect(parseAccountsConfig('[]')).toEqual({ ok: true, accounts: [] });
  });

  describe('rejects, naming the entry and the field but never the key', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['non-JSON text that contains the key', `[{"id": "acc1", "apiKey": "${KEY}",}]`, /^accounts config is not valid JSON/],
      ['truncated JSON', `[{"id":"acc1","apiKey":"${KEY}"`, /^accounts config is not valid JSON/],
      ['an object instead of an array', JSON.stringify({ id: 'acc1', apiKey: KEY }), /must be a JSON array of accounts, got an object/],
      ['an entry that is the bare key', JSON.stringify([KEY]), /^accounts\[0\] must be an object, got a string$/],
      ['a missing apiKey', JSON.stringify([{ id: 'ok', apiKey: KEY }, { id: 'acc2' }]), /^accounts\[1\] \(id "acc2"\): apiKey must be a non-empty string$/],
      [
        'an empty apiKey',
        JSON.stringify([
          { id: 'acc1', apiKey: '  ' },
          { id: 'x', apiKey: KEY },
        ]),
        /accounts\[0\] \(id "acc1"\): apiKey must be a non-empty string/,
      ],
      [
        'an apiKey with a newline',
        JSON.stringify([{ id: 'acc1', apiKey: `${KEY}\n` }]),
        /accounts\[0\] \(id "acc1"\): apiKey must not contain control characters/,
      ],
      [
        'a numeric apiKey',
        JSON.stringify([
          { id: 'acc1', apiKey: 12345 },
          { id: 'b', apiKey: KEY },
        ]),
        /accounts\[0\] \(id "acc1"\): apiKey must be a non-empty string/,
      ],
      [
        'a duplicate id',
        JSON.stringify([
          { id: 'acc1', apiKey: KEY },
          { id: 'acc1', apiKey: KEY },
        ]),
        /^accounts\[1\] \(id "acc1"\): id is already used by accounts\[0\]$/,
      ],
      ['an id with a slash', JSON.stringify([{ id: 'a/b', apiKey: KEY }]), /^accounts\[0\]: id must not contain "\/"/],
      ['an id with ..', JSON.stringify([{ id: 'a..b', apiKey: KEY }]), /^accounts\[0\]: id must not contain "\.\."/],
      ['a missing id', JSON.stringify([{ apiKey: KEY }]), /^accounts\[0\]: id must be a string/],
      [
        'an unknown plan',
        JSON.stringify([{ id: 'acc1', apiKey: KEY, plan: 'GOLD' }]),
        /accounts\[0\] \(id "acc1"\): plan must be one of BASIC, PRO, MEGA, ULTRA, ENTERPRISE, got "GOLD"/,
      ],
      ['a lower-case plan', JSON.stringify([{ id: 'acc1', apiKey: KEY, plan: 'pro' }]), /plan must be one of .*, got "pro"/],
      [
        'a negative dailyLimit',
        JSON.stringify([{ id: 'acc1', apiKey: KEY, dailyLimit: -1 }]),
        /accounts\[0\] \(id "acc1"\): dailyLimit must be an integer >= 0, got -1/,
      ],
      ['a fractional dailyLimit', JSON.stringify([{ id: 'acc1', apiKey: KEY, dailyLimit: 4.5 }]), /dailyLimit must be an integer >= 0, got 4.5/],
      ['a string dailyLimit', JSON.stringify([{ id: 'acc1', apiKey: KEY, dailyLimit: '44' }]), /dailyLimit must be an integer >= 0, got "44"/],
      ['a null priority', JSON.stringify([{ id: 'acc1', apiKey: KEY, priority: null }]), /accounts\[0\] \(id "acc1"\): priority must be an integer, got null/],
      ['an unknown field', JSON.stringify([{ id: 'acc1', apiKey: KEY, key: KEY }]), /accounts\[0\] \(id "acc1"\): unknown field "key"/],
      ['the key pasted into the plan', JSON.stringify([{ id: 'acc1', apiKey: KEY, plan: KEY }]), /plan must be one of .*, got "\[redacted\]"/],
    ];

    it.each(cases)('%s', (_name, raw, expected) => {
      const message = failureOf(raw);
      expect(message).toMatch(expected);
      expect(message).not.toContain(KEY);
      expect(message).not.toContain(KEY.slice(0, 12));
    });
  });

  it('lists every bad entry in one message', () => {
    const message = failureOf(JSON.stringify([{ id: 'a', apiKey: KEY, plan: 'X' }, { id: 'b', apiKey: KEY }, { id: 'c' }]));
    expect(message).toBe(
      'accounts[0] (id "a"): plan must be one of BASIC, PRO, MEGA, ULTRA, ENTERPRISE, got "X"; accounts[2] (id "c"): apiKey must be a non-empty string',
    );
  });

  it.each([
    ['plan', { id: 'a', apiKey: 'sk-hostile-AAAA-0123456789abcdefghij', plan: 'sk-hostile-AAAA-0123456789abcdefghij' }],
    ['dailyLimit', { id: 'a', apiKey: 'sk-hostile-AAAA-0123456789abcdefghij', dailyLimit: 'sk-hostile-AAAA-0123456789abcdefghij' }],
    ['id', { id: 'x/sk-hostile-AAAA-0123456789abcdefghij', apiKey: 'sk-hostile-AAAA-0123456789abcdefghij' }],
    ['a long id', { id: `${'i'.repeat(90)}sk-hostile-AAAA-0123456789abcdefghij`, apiKey: 'sk-hostile-AAAA-0123456789abcdefghij', plan: 'X' }],
  ])('shows no part of a key pasted into %s, even where the value is cut short', (_field, entry) => {
    const message = failureOf(JSON.stringify([entry]));
    expect(message).not.toMatch(/sk-h|hostile|AAAA/);
  });
});
