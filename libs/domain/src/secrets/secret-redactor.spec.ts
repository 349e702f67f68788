import { describe, expect, it } from '@jest/globals';
import { createSecretRedactor, REDACTED } from './secret-redactor.js';

/** A key with a slash and a space, so the `\/` and `+` forms have something to act on. */
const KEY = 'sk-Live/Key 9f_AZ';

// Encoders written here, independently of the pattern: each is one way a provider may echo the key.
const unicodeEscape = (char: string, upper: boolean): string =>
  Array.from({ length: char.length }, (_, i) => {
    const hex = char.charCodeAt(i).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  }).join('');
const percent = (char: string, upper: boolean): string =>
  Array.from(new TextEncoder().encode(char), (byte) => {
    const hex = byte.toString(16).padStart(2, '0');
    return `%${upper ? hex.toUpperCase() : hex}`;
  }).join('');
const each = (text: string, encode: (char: string, index: number) => string): string => Array.from(text, encode).join('');

const FORMS: ReadonlyArray<readonly [string, (key: string) => string]> = [
  ['plain', (key) => key],
  ['JSON \\u escapes, lower-case hex', (key) => each(key, (c) => unicodeEscape(c, false))],
  ['JSON \\u escapes, upper-case hex', (key) => each(key, (c) => unicodeEscape(c, true))],
  ['JSON as a serializer writes it (\\/ for the slash)', (key) => JSON.stringify(key).slice(1, -1).replaceAll('/', '\\/')],
  ['percent-encoded, upper-case hex (encodeURIComponent)', (key) => encodeURIComponent(key)],
  ['percent-encoded, lower-case hex', (key) => encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
  ['percent-encoded, every character', (key) => each(key, (c) => percent(c, true))],
  ['form-encoded (space as +)', (key) => new URLSearchParams({ k: key }).toString().slice(2)],
  [
    'a mix of every form within one key',
    (key) =>
      each(key, (c, i) =>
        c === '/' ? '\\/' : c === ' ' ? '+' : ([c, unicodeEscape(c, false), unicodeEscape(c, true), percent(c, false), percent(c, true)][i % 5] as string),
      ),
  ],
];

describe('createSecretRedactor', () => {
  const redactor = createSecretRedactor([KEY]);

  it.each(FORMS)('redacts the key echoed %s', (_form, encode) => {
    const echoed = encode(KEY);
    expect(echoed === KEY || !echoed.includes(KEY)).toBe(true);
    expect(redactor.redact(`Invalid API key "${echoed}" (sent ${echoed})`)).toBe(`Invalid API key "${REDACTED}" (sent ${REDACTED})`);
  });

  it.each(FORMS)('redacts the key echoed %s inside a JSON body, before and after the body is decoded', (_form, encode) => {
    const body = `{"message":"Invalid API key ${encode(KEY).replaceAll('"', '\\"')}"}`;
    const decoded = (JSON.parse(body) as { message: string }).message;
    expect(redactor.redact(body)).not.toContain(KEY);
    expect(redactor.redact(decoded)).toBe(`Invalid API key ${REDACTED}`);
  });

  it('redactJson also finds a key that only appears once the JSON is decoded, and keeps the JSON valid', () => {
    const layered = encodeURIComponent(KEY).replaceAll('%', String.raw`\u0025`);
    const body = `{"message":"Invalid API key ${layered}","errors":[{"value":"${encodeURIComponent(KEY)}"}]}`;
    expect(redactor.redact(body)).toContain(layered);

    const redacted = redactor.redactJson(body);
    expect(JSON.parse(redacted)).toEqual({ message: `Invalid API key ${REDACTED}`, errors: [{ value: REDACTED }] });
    expect(JSON.parse(redactor.redactJson(`{"k": "${KEY.replace('/', '\\/')}"}`, 2))).toEqual({ k: REDACTED });
  });

  it('redactJson returns a text without any key as it is, and redacts text that is not JSON', () => {
    const clean = '{ "message" :  "Forbidden" }';
    expect(redactor.redactJson(clean)).toBe(clean);
    expect(redactor.redactJson(`<html>${encodeURIComponent(KEY)}</html>`)).toBe(`<html>${REDACTED}</html>`);
  });

  it('redactJson falls back to the text when the JSON is nested too deep to walk', () => {
    const deep = `${'['.repeat(200_000)}"${KEY}"${']'.repeat(200_000)}`;
    const redacted = redactor.redactJson(deep);
    expect(redacted).not.toContain(KEY);
    expect(redacted).toContain(REDACTED);
  });

  it('redacts non-ASCII keys: surrogate pairs as two \\u escapes, multi-byte percent sequences', () => {
    const key = 'clé-🔑-Ω';
    const own = createSecretRedactor([key]);
    for (const echoed of [key, each(key, (c) => unicodeEscape(c, true)), encodeURIComponent(key), each(key, (c) => percent(c, false))]) {
      expect(own.redact(`<${echoed}>`)).toBe(`<${REDACTED}>`);
    }
  });

  it('redacts keys holding JSON-special characters as a serializer escapes them', () => {
    const key = 'a"b\\c\td';
    expect(createSecretRedactor([key]).redact(JSON.stringify({ key }))).toBe(`{"key":"${REDACTED}"}`);
  });

  it('keeps the case of the key: the same letters in another case are not the key', () => {
    expect(redactor.redact(KEY.toUpperCase())).toBe(KEY.toUpperCase());
  });

  it('leaves text without the whole key alone (a prefix, other keys, an empty secret)', () => {
    const text = `prefix ${KEY.slice(0, -1)}, sk-Other, %73%6B`;
    expect(redactor.redact(text)).toBe(text);
    expect(createSecretRedactor(['']).redact('plain text')).toBe('plain text');
    expect(createSecretRedactor([]).redactDeep({ a: 'x' })).toEqual({ a: 'x' });
  });

  it('replaces the longer of two overlapping secrets whole, and every secret of the set', () => {
    const two = createSecretRedactor(['abc', 'abcdef', 'XYZ']);
    expect(two.redact('key=abcdef, other=%58%59%5a')).toBe(`key=${REDACTED}, other=${REDACTED}`);
  });

  it('uses the replacement literally, even with $ patterns in it', () => {
    expect(createSecretRedactor([KEY], { replacement: '$&-$1' }).redact(`k=${KEY}`)).toBe('k=$&-$1');
  });

  it('redacts strings deep in plain data, keys included, and keeps Dates and bytes as they are', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const bytes = new Uint8Array([1, 2]);
    const cleaned = redactor.redactDeep({ [`k ${KEY}`]: [encodeURIComponent(KEY), { at, bytes, n: 1, ok: true, none: null }] });
    expect(cleaned).toEqual({ [`k ${REDACTED}`]: [REDACTED, { at, bytes, n: 1, ok: true, none: null }] });
    const inner = (Object.values(cleaned)[0] as [string, { at: Date; bytes: Uint8Array }])[1];
    expect(inner.at).toBe(at);
    expect(inner.bytes).toBe(bytes);
  });
});
