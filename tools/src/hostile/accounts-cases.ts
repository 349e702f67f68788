import { caseBuilder, type AccountsCase } from './hostile-case.js';

/** Distinctive keys: a case fails if one of them shows up in a message. */
const KEY_A = 'sk-hostile-AAAA-0123456789abcdef';
const KEY_B = 'sk-hostile-BBBB-fedcba9876543210';
const account = (fields: Record<string, unknown>): Record<string, unknown> => ({ id: 'acc-1', apiKey: KEY_A, plan: 'PRO', ...fields });
const json = (value: unknown): string => JSON.stringify(value);

const accountsCase = caseBuilder<AccountsCase>('accounts');
/** `parseAccountsConfig` refuses `raw` with a message naming each of `mentions` and holding none of `secrets`. */
const refused = (id: string, description: string, raw: string, mentions: readonly string[], secrets?: readonly string[]) =>
  accountsCase(id, description, { raw }, { accounts: 'refused', mentions, ...(secrets === undefined ? {} : { secrets }) });

/** `CHART_IMG_ACCOUNTS_JSON` secrets: unparsable, duplicated, empty or misplaced keys, bad plans and limits. */
export const ACCOUNTS_CASES: readonly AccountsCase[] = [
  refused('ac-not-json-with-key', 'truncated JSON whose text holds a key', `[{"id": "acc-1", "apiKey": "${KEY_A}", "plan": "PRO"`, ['not valid JSON'], [KEY_A]),
  refused('ac-not-json-bare-key', 'a bare key pasted instead of JSON', KEY_A, ['not valid JSON'], [KEY_A]),
  refused('ac-bom', 'valid JSON behind a UTF-8 byte order mark', `\uFEFF${json([account({})])}`, ['not valid JSON'], [KEY_A]),
  refused('ac-object-not-array', 'one account object instead of an array', json(account({})), ['JSON array'], [KEY_A]),
  refused('ac-null', 'the JSON value null', 'null', ['JSON array', 'null']),
  refused('ac-duplicate-ids', 'two accounts share an id', json([account({}), account({ apiKey: KEY_B })]), ['accounts[1]', 'already used'], [KEY_A, KEY_B]),
  refused('ac-empty-key', 'apiKey is the empty string', json([account({ apiKey: '' })]), ['accounts[0]', 'apiKey']),
  refused('ac-blank-key', 'apiKey is only spaces', json([account({ apiKey: '   ' })]), ['apiKey']),
  refused('ac-key-control-char', 'apiKey ends in a newline (pasted from a file)', json([account({ apiKey: `${KEY_A}\n` })]), ['apiKey', 'control'], [KEY_A]),
  refused('ac-unknown-plan', 'plan "GOLD"', json([account({ plan: 'GOLD' })]), ['plan', 'GOLD'], [KEY_A]),
  refused('ac-key-in-plan', 'the key pasted into plan as well: the message must not echo it', json([account({ plan: KEY_A })]), ['plan'], [KEY_A]),
  refused(
    'ac-key-in-id',
    'another account\u2019s key used as an id next to a bad plan',
    json([account({ apiKey: KEY_B }), account({ id: KEY_B, plan: 'GOLD' })]),
    ['accounts[1]', 'plan'],
    [KEY_A, KEY_B],
  ),
  refused('ac-negative-daily-limit', 'dailyLimit -5', json([account({ dailyLimit: -5 })]), ['dailyLimit', '-5'], [KEY_A]),
  refused('ac-daily-limit-string', 'dailyLimit "44" (a string)', json([account({ dailyLimit: '44' })]), ['dailyLimit']),
  refused('ac-priority-fraction', 'priority 1.5', json([account({ priority: 1.5 })]), ['priority', '1.5']),
  refused(
    'ac-misspelled-key-field',
    'apikey (lowercase k) holds the key: unknown field, apiKey missing, value not echoed',
    json([{ id: 'acc-1', apikey: KEY_A }]),
    ['apikey', 'apiKey'],
    [KEY_A],
  ),
  refused('ac-id-dotdot', 'id ../../usage (used in Firestore document paths)', json([account({ id: '../../usage' })]), ['accounts[0]', 'id'], [KEY_A]),
  refused('ac-entries-not-objects', 'entries null and a bare key string', json([null, KEY_A]), ['accounts[0]', 'accounts[1]'], [KEY_A]),
  accountsCase(
    'ac-10k-accounts',
    '10,000 valid accounts',
    { raw: json(Array.from({ length: 10_000 }, (_, i) => account({ id: `acc-${i}`, apiKey: `${KEY_A}-${i}` }))) },
    { accounts: 'accepted', count: 10_000 },
  ),
];
