/** A protobuf `Timestamp` in protobufjs object form. */
export interface ProtoTimestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** A Firestore SDK `Timestamp` (duck-typed, so this library does not load the SDK). */
interface TimestampLike {
  readonly seconds: number;
  readonly nanoseconds: number;
  toDate(): Date;
}

/**
 * A document's data (plain JSON as a flow_run file holds it, or what the Firestore SDK reads: also Dates,
 * SDK Timestamps and bytes) as the `fields` of a Firestore `Document`, in protobufjs object form.
 * Throws a TypeError naming the field of any other value (a class instance has no JSON form to send).
 */
export function toFirestoreFields(data: Readonly<Record<string, unknown>>, path = ''): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, toFirestoreValue(value, path === '' ? key : `${path}.${key}`)]));
}

/** One value as a Firestore `Value`; `path` names it in an error. */
function toFirestoreValue(value: unknown, path = '(value)'): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'boolean') return { booleanValue: value };
  // Integers as Firestore stores a JS number it can hold exactly; the rest as doubles.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  if (typeof value === 'bigint') return { integerValue: value.toString() };
  if (typeof value === 'string') return { stringValue: value };
  if (value instanceof Date) return { timestampValue: dateToTimestamp(value, path) };
  if (isTimestampLike(value)) return { timestampValue: { seconds: value.seconds, nanos: value.nanoseconds } };
  if (value instanceof Uint8Array) return { bytesValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item, index) => toFirestoreValue(item, `${path}[${index}]`)) } };
  if (isPlainObject(value)) return { mapValue: { fields: toFirestoreFields(value, path) } };
  throw new TypeError(`${path}: a ${describe(value)} has no Firestore value to send`);
}

/** A Date as a protobuf Timestamp. */
export function dateToTimestamp(date: Date, path = '(date)'): ProtoTimestamp {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`${path}: an invalid Date has no Firestore timestamp`);
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

function isTimestampLike(value: unknown): value is TimestampLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TimestampLike>;
  return typeof candidate.seconds === 'number' && typeof candidate.nanoseconds === 'number' && typeof candidate.toDate === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}
