/** One thing wrong with a template: the field path, and the value when there is one to show. */
export interface TemplateIssue {
  readonly path: string;
  readonly problem: string;
  readonly hasValue: boolean;
  readonly value?: unknown;
}

/** An issue about the value found at `path` (the message shows the value). */
export function badValue(path: string, value: unknown, problem: string): TemplateIssue {
  return { path, problem, hasValue: true, value };
}

/** An issue about the field itself: missing, or not allowed at all. */
export function badField(path: string, problem: string): TemplateIssue {
  return { path, problem, hasValue: false };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `record[key]` only when it is the record's own entry (never `toString` and friends). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function checkInteger(path: string, value: unknown, min: number, max: number): TemplateIssue | undefined {
  if (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max) return undefined;
  return badValue(path, value, `must be an integer from ${min} to ${max}`);
}

export function checkOneOf(path: string, value: unknown, allowed: readonly string[], what?: string): TemplateIssue | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  return badValue(path, value, what === undefined ? `is not one of ${allowed.join(', ')}` : `is not ${what}`);
}

export function checkBoolean(path: string, value: unknown): TemplateIssue | undefined {
  return typeof value === 'boolean' ? undefined : badValue(path, value, 'must be true or false');
}

export function checkObject(path: string, value: unknown): TemplateIssue | undefined {
  return isPlainObject(value) ? undefined : badValue(path, value, 'must be an object');
}

/** The first key of `object` not in `known`, as an issue. */
export function checkKnownKeys(path: string, object: Record<string, unknown>, known: readonly string[], what: string): TemplateIssue | undefined {
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  return unknown === undefined ? undefined : badField(`${path}.${unknown}`, `is not ${what}`);
}

/** The first issue of the given checks, run in order and lazily. */
export function firstIssue(...checks: Array<() => TemplateIssue | undefined>): TemplateIssue | undefined {
  for (const check of checks) {
    const issue = check();
    if (issue !== undefined) return issue;
  }
  return undefined;
}
