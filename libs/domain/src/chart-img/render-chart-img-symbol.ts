/** The placeholder a template's `chartImgSymbolTemplate` holds exactly once. */
export const SYMBOL_PLACEHOLDER = '{symbol}';

/** `BINANCE:{symbol}` + `BTCUSDT` -> `BINANCE:BTCUSDT`. */
export function renderChartImgSymbol(symbolTemplate: string, symbol: string): string {
  // A replacer function, so `$&`-style patterns in the symbol stay literal.
  return symbolTemplate.replace(SYMBOL_PLACEHOLDER, () => symbol);
}
