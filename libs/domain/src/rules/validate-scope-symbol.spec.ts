import { describe, expect, it } from '@jest/globals';
import { validateScopeSymbol } from './validate-scope-symbol.js';

describe('validateScopeSymbol', () => {
  it.each(['BTCUSDT', '1000PEPEUSDT', 'BTC.P', 'BTC_USDT', 'BTC-PERP', 'X!', 'A'.repeat(64)])('accepts %s', (symbol) => {
    expect(validateScopeSymbol(symbol)).toBeUndefined();
  });

  it.each([
    ['a slash pair', 'BTC/USDT'],
    ['lowercase letters', 'btcusdt'],
    ['an empty string', ''],
    ['65 characters', 'A'.repeat(65)],
    ['a space', 'BTC USDT'],
    ['an exchange prefix', 'BINANCE:BTCUSDT'],
    ['a double dot', 'BTC..USDT'],
  ])('refuses %s', (_label, symbol) => {
    const error = validateScopeSymbol(symbol);
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.message).toContain(`got ${JSON.stringify(symbol).slice(0, 20)}`);
    expect(error?.details?.['field']).toBe('scope.symbol');
  });

  it('refuses a missing symbol and says so', () => {
    expect(validateScopeSymbol(undefined)?.message).toMatch(/^scope\.symbol must be .*, got undefined$/);
  });
});
