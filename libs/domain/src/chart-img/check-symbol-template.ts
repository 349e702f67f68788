import { SYMBOL_PLACEHOLDER } from './render-chart-img-symbol.js';
import { badValue, type TemplateIssue } from './template-issue.js';

const MAX_SYMBOL_TEMPLATE_LENGTH = 100;
/** TradingView symbol characters (`BINANCE:`, `.P`, `!`): upper-case, digits and `: . _ ! -`. */
const SYMBOL_TEXT = /^[A-Z0-9:._!-]*$/;

/** `chartImgSymbolTemplate`: `{symbol}` exactly once, and otherwise only TradingView symbol characters. */
export function checkSymbolTemplate(path: string, value: unknown): TemplateIssue | undefined {
  if (typeof value !== 'string') return badValue(path, value, 'must be a string such as "BINANCE:{symbol}"');
  if (value.length > MAX_SYMBOL_TEMPLATE_LENGTH) {
    return badValue(path, value, `must be at most ${MAX_SYMBOL_TEMPLATE_LENGTH} characters`);
  }
  const parts = value.split(SYMBOL_PLACEHOLDER);
  if (parts.length !== 2) return badValue(path, value, `must contain ${SYMBOL_PLACEHOLDER} exactly once`);
  if (!parts.every((part) => SYMBOL_TEXT.test(part))) {
    return badValue(path, value, `may only hold A-Z 0-9 : . _ ! - around ${SYMBOL_PLACEHOLDER}`);
  }
  return undefined;
}
