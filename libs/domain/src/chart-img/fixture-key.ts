const MAX_ERROR_SUFFIX_LENGTH = 60;

/**
 * The name of a request's fixtures: `BINANCE_BTCUSDT__1h__ctpl_price_psar_adi_v1`
 * (`:` -> `_`, the flow's own timeframe string, the template id). The PNG is `<key>.png`,
 * an error fixture `<key>__<errorFixtureSuffix>.json`.
 */
export function fixtureKey(chartImgSymbol: string, timeframe: string, chartTemplateId: string): string {
  return `${chartImgSymbol.replaceAll(':', '_')}__${timeframe}__${chartTemplateId}`;
}

/** `429` + `Limit Exceeded` -> `429_LIMIT_EXCEEDED`; at most 60 characters. */
export function errorFixtureSuffix(status: number, message: string): string {
  const words = message
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const suffix = words === '' ? String(status) : `${status}_${words}`;
  return suffix.slice(0, MAX_ERROR_SUFFIX_LENGTH).replace(/_+$/, '');
}
