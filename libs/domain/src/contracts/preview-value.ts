const KEEP = 60;
const MAX_PREVIEW = 100;

/** A short rendering of an untrusted value for a message: strings quoted and cut, containers named, never whole. */
export function previewValue(value: unknown, max = MAX_PREVIEW): string {
  if (typeof value === 'string') {
    return value.length <= max ? JSON.stringify(value) : JSON.stringify(cut(value, KEEP));
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

/** What an issue may carry as `value`: primitives only, long strings cut (with their original length). */
export function issueValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length <= MAX_PREVIEW ? value : cut(value, KEEP);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function cut(value: string, keep: number): string {
  return `${value.slice(0, keep)}… (${value.length} chars)`;
}
