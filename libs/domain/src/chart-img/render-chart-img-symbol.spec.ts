import { describe, expect, it } from '@jest/globals';
import { renderChartImgSymbol } from './render-chart-img-symbol.js';

describe('renderChartImgSymbol', () => {
  it('puts the base symbol in place of {symbol}', () => {
    expect(renderChartImgSymbol('BINANCE:{symbol}', 'BTCUSDT')).toBe('BINANCE:BTCUSDT');
  });

  it('keeps the text around the placeholder', () => {
    expect(renderChartImgSymbol('BYBIT:{symbol}.P', 'ETHUSDT')).toBe('BYBIT:ETHUSDT.P');
  });

  it('inserts the symbol literally, even when it looks like a replacement pattern', () => {
    expect(renderChartImgSymbol('X:{symbol}', "$&$'")).toBe("X:$&$'");
  });
});
