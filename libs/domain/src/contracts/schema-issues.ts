import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { issueValue } from './preview-value.js';
import type { ValidationIssue } from './validation-issue.js';

/** How issues are built: `redactValues` drops every value (for documents that hold secrets). */
export interface IssueOptions {
  readonly redactValues?: boolean;
}

const SECRET_FIELD = /key|secret|token|password/i;
const subValidators = new WeakMap<object, Validator>();

/**
 * Turns TypeBox's errors into field-naming issues. A failed `if`/`then` is reported by validating the
 * `then` branch on its own, so `steps["x"].inputs.minImages must be >= 0` appears instead of
 * `must match "then" schema`; union noise is folded into one line per field.
 */
export function schemaIssues(schema: TSchema, errors: readonly TLocalizedValidationError[], value: unknown, options: IssueOptions = {}): ValidationIssue[] {
  const issues = collect(schema, errors, value, [], options);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collect(
  schema: TSchema,
  errors: readonly TLocalizedValidationError[],
  root: unknown,
  prefix: readonly string[],
  options: IssueOptions,
): ValidationIssue[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath);
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    // Branch failures of a union are summarised by the union's own error.
    if (unions.some((path) => [`${path}/anyOf/`, `${path}/oneOf/`].some((p) => error.schemaPath.startsWith(p)))) continue;
    const at = [...prefix, ...pointerSegments(error.instancePath)];
    if (error.keyword === 'if') {
      issues.push(...branchIssues(schema, error, root, at, options));
      continue;
    }
    issues.push(...keywordIssues(error, root, at, options));
  }
  return issues;
}

function branchIssues(rootSchema: TSchema, error: TLocalizedValidationError, root: unknown, at: readonly string[], options: IssueOptions): ValidationIssue[] {
  const node = resolvePointer(rootSchema, error.schemaPath);
  const failing = (error.params as { failingKeyword?: string }).failingKeyword ?? 'then';
  const branch = isObject(node) ? node[failing] : undefined;
  if (!isObject(branch)) return [issue(root, at, 'does not match the rules for its kind', options)];
  let validator = subValidators.get(branch);
  if (validator === undefined) {
    validator = Compile(branch as TSchema) as unknown as Validator;
    subValidators.set(branch, validator);
  }
  const found = collect(branch as TSchema, validator.Errors(valueAt(root, at)), root, at, options);
  return found.length > 0 ? found : [issue(root, at, 'does not match the rules for its kind', options)];
}

function keywordIssues(error: TLocalizedValidationError, root: unknown, at: readonly string[], options: IssueOptions): ValidationIssue[] {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return asStrings(params['requiredProperties']).map((name) => ({
        path: formatPath(root, [...at, name]),
        message: 'is required',
      }));
    case 'additionalProperties':
      return asStrings(params['additionalProperties']).map((name) => ({
        path: formatPath(root, [...at, name]),
        message: 'is not an allowed field',
      }));
    case 'boolean':
      // `additionalProperties: false` reports the same field twice; the named error above is enough.
      return [];
    case 'type':
      return [issue(root, at, `must be ${article(String(params['type']))}`, options)];
    case 'enum':
      return [issue(root, at, `must be one of ${asList(params['allowedValues'])}`, options)];
    case 'const':
      return [issue(root, at, `must be ${JSON.stringify(params['allowedValue'])}`, options)];
    case 'format':
      return [issue(root, at, formatMessage(String(params['format'])), options)];
    case 'pattern':
      return [issue(root, at, `must match the pattern ${String(params['pattern'])}`, options)];
    case 'minLength': {
      const limit = String(params['limit']);
      return [issue(root, at, limit === '1' ? 'must not be empty' : `must be at least ${limit} characters long`, options)];
    }
    case 'maxLength':
      return [issue(root, at, `must be at most ${String(params['limit'])} characters long`, options)];
    case 'minItems':
      return [issue(root, at, `must have at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`, options)];
    case 'maxItems':
      return [issue(root, at, `must have at most ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`, options)];
    case 'anyOf':
    case 'oneOf':
      return [issue(root, at, 'does not match any of the allowed shapes', options)];
    default:
      return [issue(root, at, error.message, options)];
  }
}

function issue(root: unknown, at: readonly string[], message: string, options: IssueOptions): ValidationIssue {
  const path = formatPath(root, at);
  const last = at[at.length - 1] ?? '';
  const value = options.redactValues === true || SECRET_FIELD.test(last) ? undefined : issueValue(valueAt(root, at));
  return value === undefined ? { path, message } : { path, message, value };
}

function formatMessage(format: string): string {
  return format === 'date-time' ? 'must be an RFC 3339 date-time with an offset, e.g. 2025-12-15T10:26:12Z' : `must be a valid ${format}`;
}

function article(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'object' || type === 'array') return `an ${type}`;
  return `a ${type}`;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function asList(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : String(value);
}

/** Decodes a JSON Pointer (`/steps/a~1b/inputs`) into its segments. */
function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolvePointer(schema: unknown, pointer: string): unknown {
  let node: unknown = schema;
  for (const segment of pointerSegments(pointer)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function valueAt(root: unknown, at: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of at) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** `steps["charts:1M"].inputs.minImages`, `items[0].png_gcs_uri`, or `(root)`. */
function formatPath(root: unknown, at: readonly string[]): string {
  if (at.length === 0) return '(root)';
  let path = '';
  let node: unknown = root;
  for (const segment of at) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
