import { describe, expect, it } from '@jest/globals';
import { describeValue } from './describe-value.js';

describe('describeValue', () => {
  it('quotes strings so empty and blank values stay visible', () => {
    expect(describeValue('BTC/USDT')).toBe('"BTC/USDT"');
    expect(describeValue('')).toBe('""');
  });

  it('escapes control characters instead of printing them', () => {
    expect(describeValue('a\nb')).toBe('"a\\nb"');
  });

  it('renders numbers, booleans, null, undefined, arrays and objects as JSON-ish text', () => {
    expect(describeValue(2.5)).toBe('2.5');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue([1, 'a'])).toBe('[1,"a"]');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeValue(10n)).toBe('10n');
  });

  it('cuts a long string after max characters and states its original length', () => {
    expect(describeValue('x'.repeat(300))).toBe(`"${'x'.repeat(80)}"… (300 chars)`);
    expect(describeValue('abcdef', 3)).toBe('"abc"… (6 chars)');
  });

  it('cuts a long object rendering and states the rendering length', () => {
    const text = describeValue({ key: 'y'.repeat(100) }, 10);
    expect(text).toBe('{"key":"yy… (110 chars)');
  });

  it('survives circular structures', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(describeValue(loop)).toBe('[object Object]');
  });
});
