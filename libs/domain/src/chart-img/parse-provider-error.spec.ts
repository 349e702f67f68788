import { describe, expect, it } from '@jest/globals';
import { parseProviderError } from './parse-provider-error.js';
import { pngHeader } from './__fixtures__/png-header.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseProviderError', () => {
  it('reads the message of a {"message": ...} body', () => {
    expect(parseProviderError(utf8('{"message":"Limit Exceeded"}'), 'application/json')).toBe('Limit Exceeded');
  });

  it('turns the 422 array into "param: msg (value ...)" entries', () => {
    const body = utf8(
      JSON.stringify([
        { value: 'BINANCE:NOPE', msg: 'Invalid Symbol', param: 'symbol', location: 'body' },
        { value: '7x', msg: 'Invalid Interval', param: 'interval', location: 'body' },
      ]),
    );
    expect(parseProviderError(body, 'application/json')).toBe('symbol: Invalid Symbol (value "BINANCE:NOPE"); interval: Invalid Interval (value "7x")');
  });

  it('leaves out an empty value and a missing param', () => {
    expect(parseProviderError(utf8('[{"value":"","msg":"Invalid Request","location":"body"}]'))).toBe('Invalid Request');
  });

  it('parses JSON even when the content type does not say so', () => {
    expect(parseProviderError(utf8(' {"message":"Forbidden"}\n'), 'text/plain')).toBe('Forbidden');
  });

  it('gives a short printable excerpt of an HTML body', () => {
    const message = parseProviderError(utf8(`<html>\n<body>${'Bad gateway '.repeat(50)}</body></html>`), 'text/html');
    expect(message.startsWith('<html> <body>Bad gateway Bad gateway')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(200);
  });

  it('describes a binary body instead of echoing it', () => {
    expect(parseProviderError(pngHeader(800, 600), 'image/png')).toBe('unreadable body (image/png, 33 bytes)');
  });

  it('says so when the body is empty', () => {
    expect(parseProviderError(new Uint8Array(), 'application/json')).toBe('empty body');
  });

  it('never returns more than 300 characters, whatever the provider sent', () => {
    expect(parseProviderError(utf8(JSON.stringify({ message: 'x'.repeat(5000) }))).length).toBeLessThanOrEqual(300);
    const many = Array.from({ length: 40 }, (_, i) => ({ value: `v${i}`, msg: 'Invalid Value', param: `p${i}` }));
    expect(parseProviderError(utf8(JSON.stringify(many))).length).toBeLessThanOrEqual(300);
  });

  it('strips control characters from a provider message', () => {
    expect(parseProviderError(utf8(JSON.stringify({ message: 'Bad\u0007\r\nthing' })))).toBe('Bad thing');
  });

  it('falls back to an excerpt when JSON has no message', () => {
    expect(parseProviderError(utf8('{"status":"error"}'))).toBe('{"status":"error"}');
  });
});
