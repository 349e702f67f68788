import { describe, expect, it } from '@jest/globals';
import { errorFixtureSuffix, fixtureKey } from './fixture-key.js';

describe('fixtureKey', () => {
  it('joins symbol, timeframe and template id with double underscores, `:` becoming `_`', () => {
    expect(fixtureKey('BINANCE:BTCUSDT', '1h', 'ctpl_price_psar_adi_v1')).toBe('BINANCE_BTCUSDT__1h__ctpl_price_psar_adi_v1');
  });

  it('keeps the flow timeframe as written, so a month and a minute stay apart', () => {
    expect(fixtureKey('BINANCE:BTCUSDT', '1M', 't')).toBe('BINANCE_BTCUSDT__1M__t');
    expect(fixtureKey('BINANCE:BTCUSDT', '1m', 't')).toBe('BINANCE_BTCUSDT__1m__t');
  });
});

describe('errorFixtureSuffix', () => {
  it('upper-cases the message and joins words with underscores after the status', () => {
    expect(errorFixtureSuffix(429, 'Limit Exceeded')).toBe('429_LIMIT_EXCEEDED');
    expect(errorFixtureSuffix(500, 'Something Went Wrong')).toBe('500_SOMETHING_WENT_WRONG');
  });

  it('collapses punctuation and trims underscores at the ends', () => {
    expect(errorFixtureSuffix(403, ' Exceed Max Usage Resolution Limit (800x600) ')).toBe('403_EXCEED_MAX_USAGE_RESOLUTION_LIMIT_800X600');
  });

  it('is only the status when the message has no letters or digits', () => {
    expect(errorFixtureSuffix(502, ' -- ')).toBe('502');
  });

  it('stays within 60 characters without a trailing underscore', () => {
    const suffix = errorFixtureSuffix(422, 'symbol: Invalid Symbol (value "BINANCE:NOPE") and a great deal more text after');
    expect(suffix.length).toBeLessThanOrEqual(60);
    expect(suffix).toMatch(/^422_SYMBOL_INVALID_SYMBOL_VALUE_BINANCE_NOPE_[A-Z0-9_]*[A-Z0-9]$/);
  });
});
