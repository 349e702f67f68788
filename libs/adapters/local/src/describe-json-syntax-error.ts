import { describeError } from './fs-errors.js';

const AT_POSITION = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/;
const UNEXPECTED_TOKEN = /^(Unexpected token '.+?'), ".*" is not valid JSON$/s;

/**
 * Why `JSON.parse(text)` failed, one line worded the same on every Node.js version: V8 changes its wording
 * between releases (newer ones append `(line 1 column 54)` to `at position 53`) and quotes the text around
 * a bad token. Here the position reads `at line L, column C` (both from 1, the column in UTF-16 code units
 * as editors count them) and the quoted text is dropped.
 */
export function describeJsonSyntaxError(error: unknown, text: string): string {
  const reason = describeError(error);
  const at = AT_POSITION.exec(reason);
  if (at !== null) {
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    return `${reason.slice(0, at.index)} at line ${line}, column ${column}`;
  }
  return UNEXPECTED_TOKEN.exec(reason)?.[1] ?? reason;
}
