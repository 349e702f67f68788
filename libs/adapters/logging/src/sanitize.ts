import type { SecretRedactor } from '@worker-chart-export/domain';

/**
 * Turns `value` into plain JSON data (Errors become `{name, message, code?}` without a stack,
 * bigints strings, cycles `[Circular]`) and replaces every configured secret found in any
 * string, keys included, in any form the redactor knows (plain, JSON-escaped, percent-encoded),
 * with `[REDACTED]`.
 */
export function sanitizeForLog(value: unknown, redactor: SecretRedactor): unknown {
  return walk(value, (text) => redactor.redact(text), new WeakSet());
}

function walk(value: unknown, redact: (text: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return redact(value.toString());
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'boolean' || value === null ? value : undefined;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return walk(errorToPlain(value), redact, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, redact, seen) ?? null);
    if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const clean = walk(item, redact, seen);
      if (clean !== undefined) out[redact(key)] = clean;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorToPlain(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return code === undefined ? { name: error.name, message: error.message } : { name: error.name, message: error.message, code };
}
