import { isControlCharacter } from './is-control-character.js';

const MAX_MESSAGE_LENGTH = 300;
const MAX_EXCERPT_LENGTH = 200;

/**
 * A readable message from a Chart-IMG error body: `{"message": "..."}`, the 422 array
 * `[{value, msg, param, location}]` (`symbol: Invalid Symbol (value "X")`), or else a short
 * printable excerpt of the body. Never longer than 300 characters.
 */
export function parseProviderError(body: Uint8Array, contentType?: string): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const parsed = parseJson(text);
  const message = parsed === undefined ? undefined : messageFromJson(parsed);
  return clip(message ?? excerpt(text, body.length, contentType), MAX_MESSAGE_LENGTH);
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function messageFromJson(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts = value.map(validationEntry).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (isRecord(value)) {
    if (typeof value['message'] === 'string') return printable(value['message']);
    if (Array.isArray(value['errors'])) return messageFromJson(value['errors']);
  }
  return undefined;
}

function validationEntry(entry: unknown): string | undefined {
  if (!isRecord(entry) || typeof entry['msg'] !== 'string') return undefined;
  const param = typeof entry['param'] === 'string' && entry['param'] !== '' ? `${printable(entry['param'])}: ` : '';
  const value = entry['value'];
  const shown = value === undefined || value === '' ? '' : ` (value ${clip(JSON.stringify(value) ?? '', 60)})`;
  return `${param}${printable(entry['msg'])}${shown}`;
}

function excerpt(text: string, byteLength: number, contentType: string | undefined): string {
  if (byteLength === 0) return 'empty body';
  const kind = contentType === undefined ? '' : `${contentType}, `;
  // A body with NULs or many replacement characters is binary: describe it, do not echo it.
  const unreadable = [...text].filter((char) => char === '\u0000' || char === '\uFFFD').length;
  if (unreadable > text.length / 100) return `unreadable body (${kind}${byteLength} bytes)`;
  return clip(printable(text), MAX_EXCERPT_LENGTH);
}

/** Collapses whitespace and drops control characters. */
function printable(text: string): string {
  const spaced = [...text].map((char) => (isControlCharacter(char) ? ' ' : char)).join('');
  return spaced.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
