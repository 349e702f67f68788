import { secretPattern } from './secret-pattern.js';

/** What replaces a secret wherever it is found. */
export const REDACTED = '[REDACTED]';

/**
 * Removes configured secrets (API keys) from what leaves the process. Built once per set of secrets
 * (the pattern is compiled then), so it is cheap enough for every log line.
 */
export interface SecretRedactor {
  /** `text` with every secret, in any form {@link secretPattern} knows, replaced. */
  redact(text: string): string;
  /**
   * A copy of `value` in which every string of plain data (arrays, plain objects, their keys) is
   * redacted; other objects (Dates, bytes, class instances) are kept as they are.
   */
  redactDeep<T>(value: T): T;
  /**
   * A text that may be JSON (a provider's error body, a manifest), redacted before and after decoding: a key
   * that only appears once the JSON strings are decoded (`\u0025` escapes of a percent-encoded key ...) is
   * found too. Returned as it is when it holds no secret; otherwise, when it is JSON, its redacted data
   * serialized again with `space` (so it stays valid JSON), else the redacted text.
   */
  redactJson(text: string, space?: number): string;
}

export interface SecretRedactorOptions {
  /** The replacement; default {@link REDACTED}. */
  readonly replacement?: string;
}

/** A {@link SecretRedactor} for `secrets`; empty secrets are ignored, so none at all redacts nothing. */
export function createSecretRedactor(secrets: readonly string[], options: SecretRedactorOptions = {}): SecretRedactor {
  const pattern = secretPattern(secrets);
  const replacement = options.replacement ?? REDACTED;
  // A function replacement, so `$` in the replacement is never read as a group reference.
  const redact = pattern === undefined ? (text: string) => text : (text: string) => text.replace(pattern, () => replacement);
  const redactDeep = <T>(value: T): T => (pattern === undefined ? value : (deep(value, redact) as T));
  return {
    redact,
    redactDeep,
    redactJson: (text, space) => {
      if (pattern === undefined) return text;
      const redactedText = redact(text);
      try {
        const data = JSON.parse(text) as unknown;
        const clean = redactDeep(data);
        if (redactedText === text && JSON.stringify(clean) === JSON.stringify(data)) return text;
        return JSON.stringify(clean, null, space);
      } catch {
        // Not JSON, or nested too deep to walk: the redaction of the text is what there is.
        return redactedText;
      }
    },
  };
}

function deep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => deep(item, redact));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), deep(item, redact)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
