import { describe, expect, it } from '@jest/globals';
import { echoKey, isKeyEchoForm, KEY_ECHO_FORMS } from './echo-key.js';

const KEY = 'sk-Echo/Key 9f_AZ+é';

/** What a client sees of the echo: the JSON string decoded, then (for the URL forms) percent-decoded. */
const decoded = (echo: string, form: string): string => {
  const fromJson = JSON.parse(`"${echo}"`) as string;
  if (form === 'form' || form === 'mixed') return decodeURIComponent(fromJson.replaceAll('+', ' '));
  return form.startsWith('percent') || form === 'json-escaped-percent' ? decodeURIComponent(fromJson) : fromJson;
};

describe('echoKey', () => {
  it.each(KEY_ECHO_FORMS)('writes the key in form %s, valid inside a JSON string and decoding back to the key', (form) => {
    const echo = echoKey(KEY, form);
    expect(decoded(echo, form)).toBe(KEY);
    if (form !== 'plain') expect(echo).not.toContain(KEY);
  });

  it('uses the hex case and the escapes each form names', () => {
    expect(echoKey('a/b c', 'json-unicode-lower')).toBe(String.raw`\u0061\u002f\u0062\u0020\u0063`);
    expect(echoKey('a/b c', 'json-unicode-upper')).toBe(String.raw`\u0061\u002F\u0062\u0020\u0063`);
    expect(echoKey('a/b c', 'json-solidus')).toBe(String.raw`a\/b c`);
    expect(echoKey('a/é', 'percent-lower')).toBe('%61%2f%c3%a9');
    expect(echoKey('a/é', 'percent-upper')).toBe('%61%2F%C3%A9');
    expect(echoKey('a/b c', 'form')).toBe('a%2Fb+c');
    expect(echoKey('a/', 'json-escaped-percent')).toBe(String.raw`\u002561\u00252F`);
    expect(echoKey('abcdef/ ', 'mixed')).toBe(String.raw`a\u0062%63\u0064%65f\/+`);
  });

  it('knows its forms by name', () => {
    expect(isKeyEchoForm('percent-upper')).toBe(true);
    expect(isKeyEchoForm('base64')).toBe(false);
  });
});
