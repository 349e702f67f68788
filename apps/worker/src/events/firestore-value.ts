/** A Firestore value in proto3 JSON form: `{stringValue: "x"}`, `{mapValue: {fields: {...}}}` ... */
export type FirestoreValueJson = Readonly<Record<string, unknown>>;

/**
 * Deepest nesting of maps and arrays converted. Firestore stores at most 20 levels, so only a forged event goes
 * past it, and far deeper input would overflow the stack of this recursive conversion.
 */
export const MAX_VALUE_DEPTH = 64;

/** Thrown for a value that has none of Firestore's value kinds, or that nests too deep. */
export class FirestoreValueError extends Error {
  override readonly name = 'FirestoreValueError';
}

/**
 * A Firestore document's `fields` as plain JSON: maps become objects, arrays arrays, int64 numbers
 * (decimal strings beyond 2^53), timestamps RFC 3339 strings, bytes base64, references their path.
 */
export function fieldsToJson(fields: unknown, path = '', depth = 0): Record<string, unknown> {
  if (fields === undefined || fields === null) return {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new FirestoreValueError(`${shorten(path) || 'fields'} is not a map of values`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = valueToJson(value, path ? `${path}.${key}` : key, depth);
  return out;
}

/** One Firestore `Value` as plain JSON (see {@link fieldsToJson}); `depth` counts the maps and arrays around it. */
export function valueToJson(value: unknown, path: string, depth = 0): unknown {
  if (depth > MAX_VALUE_DEPTH) throw new FirestoreValueError(`${shorten(path)} nests maps or arrays more than ${MAX_VALUE_DEPTH} levels deep`);
  if (typeof value !== 'object' || value === null) throw new FirestoreValueError(`${shorten(path)} is not a Firestore value`);
  const v = value as Record<string, unknown>;
  if ('nullValue' in v) return null;
  if ('booleanValue' in v) return Boolean(v['booleanValue']);
  if ('integerValue' in v) return integer(v['integerValue']);
  if ('doubleValue' in v) return Number(v['doubleValue']);
  if ('timestampValue' in v) return timestamp(v['timestampValue'], path);
  if ('stringValue' in v) return String(v['stringValue']);
  if ('bytesValue' in v) return String(v['bytesValue']);
  if ('referenceValue' in v) return String(v['referenceValue']);
  if ('geoPointValue' in v) {
    const point = (v['geoPointValue'] ?? {}) as Record<string, unknown>;
    return { latitude: Number(point['latitude'] ?? 0), longitude: Number(point['longitude'] ?? 0) };
  }
  if ('arrayValue' in v) {
    const values = ((v['arrayValue'] ?? {}) as Record<string, unknown>)['values'] ?? [];
    if (!Array.isArray(values)) throw new FirestoreValueError(`${shorten(path)} has an arrayValue without a values list`);
    return values.map((item, index) => valueToJson(item, `${path}[${index}]`, depth + 1));
  }
  if ('mapValue' in v) return fieldsToJson(((v['mapValue'] ?? {}) as Record<string, unknown>)['fields'], path, depth + 1);
  throw new FirestoreValueError(`${shorten(path)} has no known Firestore value kind`);
}

const MAX_PATH_IN_MESSAGE = 120;

/** A field path cut for a message: a deep or long path must not make the log line huge. */
function shorten(path: string): string {
  return path.length <= MAX_PATH_IN_MESSAGE ? path : `${path.slice(0, MAX_PATH_IN_MESSAGE)}… (${path.length} chars)`;
}

function integer(raw: unknown): number | string {
  const text = String(raw);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** `{seconds, nanos}` (protobuf) or an RFC 3339 string (proto3 JSON) -> RFC 3339 UTC. */
function timestamp(raw: unknown, path: string): string {
  if (typeof raw === 'string') return raw;
  const t = (raw ?? {}) as Record<string, unknown>;
  const ms = Number(t['seconds'] ?? 0) * 1000 + Math.floor(Number(t['nanos'] ?? 0) / 1e6);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new FirestoreValueError(`${shorten(path)} is not a valid timestamp`);
  return date.toISOString();
}
