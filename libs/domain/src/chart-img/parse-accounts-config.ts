import { CHART_IMG_PLANS, DEFAULT_DAILY_LIMIT, DEFAULT_PRIORITY, type ChartImgAccount, type ChartImgPlan } from '../contracts/accounts-config.schema.js';
import { checkPathSegment, describeValue } from '../rules/index.js';
import { isControlCharacter } from './is-control-character.js';

// Shorter strings would match ordinary words of the message; real keys are far longer.
const MIN_SCRUBBED_KEY_LENGTH = 4;
const KNOWN_FIELDS = new Set(['id', 'apiKey', 'dailyLimit', 'priority', 'plan']);

export type AccountsConfigResult = { readonly ok: true; readonly accounts: ChartImgAccount[] } | { readonly ok: false; readonly message: string };

/**
 * Parses `CHART_IMG_ACCOUNTS_JSON` (or the `--accounts-config-path` file), see docs/design.md#accounts-configuration:
 * a JSON array of `{id, apiKey, dailyLimit?, priority?, plan?}` with unique path-safe ids,
 * non-empty keys, a known plan (default BASIC), `dailyLimit` an integer >= 0 (default 44) and
 * an integer `priority` (default 100). The message names each bad entry by index and id and
 * never contains a key.
 */
export function parseAccountsConfig(raw: string): AccountsConfigResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    // V8's message quotes the input, which holds the keys: keep only the position.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return failure(`accounts config is not valid JSON${position === undefined ? '' : ` (at position ${position})`}`);
  }
  if (!Array.isArray(parsed)) {
    return failure(`accounts config must be a JSON array of accounts, got ${typeName(parsed)}`);
  }
  const problems: string[] = [];
  const accounts: ChartImgAccount[] = [];
  const firstIndexOfId = new Map<string, number>();
  const keys = parsed.map(apiKeyOf).filter((key): key is string => key !== undefined && key.length >= MIN_SCRUBBED_KEY_LENGTH);
  // Values are scrubbed before they are cut to size, so no prefix of a key survives in a message.
  const say = (value: unknown, max?: number): string => describeValue(typeof value === 'string' ? scrub(value, keys) : value, max);
  parsed.forEach((entry: unknown, index) => {
    const result = parseEntry(entry, index, firstIndexOfId, say);
    if (typeof result === 'string') problems.push(result);
    else accounts.push(result);
  });
  if (problems.length > 0) return failure(scrub(problems.join('; '), keys));
  return { ok: true, accounts };
}

function parseEntry(
  entry: unknown,
  index: number,
  firstIndexOfId: Map<string, number>,
  say: (value: unknown, max?: number) => string,
): ChartImgAccount | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return `accounts[${index}] must be an object, got ${typeName(entry)}`;
  }
  const record = entry as Record<string, unknown>;
  const idProblem = checkPathSegment('id', record['id']);
  const label = idProblem === undefined ? `accounts[${index}] (id ${say(record['id'])})` : `accounts[${index}]`;
  const problems: string[] = [];
  if (idProblem !== undefined) problems.push(idProblemMessage(record['id'], idProblem.message, say));
  const id = record['id'] as string;
  const earlier = firstIndexOfId.get(id);
  if (idProblem === undefined && earlier !== undefined) problems.push(`id is already used by accounts[${earlier}]`);
  if (idProblem === undefined && earlier === undefined) firstIndexOfId.set(id, index);

  const apiKey = record['apiKey'];
  if (typeof apiKey !== 'string' || apiKey.trim() === '') problems.push('apiKey must be a non-empty string');
  else if ([...apiKey].some(isControlCharacter)) problems.push('apiKey must not contain control characters');

  const plan = valueOr(record, 'plan', 'BASIC');
  if (!CHART_IMG_PLANS.includes(plan as ChartImgPlan)) {
    problems.push(`plan must be one of ${CHART_IMG_PLANS.join(', ')}, got ${say(plan, 30)}`);
  }
  const dailyLimit = valueOr(record, 'dailyLimit', DEFAULT_DAILY_LIMIT);
  if (!Number.isSafeInteger(dailyLimit) || (dailyLimit as number) < 0) {
    problems.push(`dailyLimit must be an integer >= 0, got ${say(dailyLimit, 30)}`);
  }
  const priority = valueOr(record, 'priority', DEFAULT_PRIORITY);
  if (!Number.isSafeInteger(priority)) problems.push(`priority must be an integer, got ${say(priority, 30)}`);
  for (const field of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(field)) problems.push(`unknown field ${say(field, 40)}`);
  }

  if (problems.length > 0) return `${label}: ${problems.join(', ')}`;
  return {
    id,
    apiKey: apiKey as string,
    plan: plan as ChartImgPlan,
    dailyLimit: dailyLimit as number,
    priority: priority as number,
  };
}

/** An absent field takes its default; a present one, even `null`, is checked as given. */
function valueOr(record: Record<string, unknown>, field: string, fallback: unknown): unknown {
  return Object.hasOwn(record, field) ? record[field] : fallback;
}

/** The id's problem, described from the scrubbed value when the raw one would show a key. */
function idProblemMessage(id: unknown, message: string, say: (value: unknown, max?: number) => string): string {
  return typeof id === 'string' && say(id, 1_000) !== JSON.stringify(id) ? `id is not a usable account id (got ${say(id)})` : message;
}

function apiKeyOf(entry: unknown): string | undefined {
  const apiKey = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['apiKey'] : undefined;
  return typeof apiKey === 'string' ? apiKey : undefined;
}

/** Belt and braces: a key pasted into some other field must not reach the message either. */
function scrub(text: string, keys: readonly string[]): string {
  return keys.reduce((scrubbed, key) => scrubbed.split(key).join('[redacted]'), text);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function failure(message: string): AccountsConfigResult {
  return { ok: false, message };
}
