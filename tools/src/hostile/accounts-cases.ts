import type { AccountsCase } from './hostile-case.js';

/** Distinctive keys: a case fails if one of them shows up in a message. */
const KEY_A = 'sk-hostile-AAAA-0123456789abcdef';
const KEY_B = 'sk-hostile-BBBB-fedcba9876543210';
const account = (fields: Record<string, unknown>): Record<string, unknown> => ({ id: 'acc-1', apiKey: KEY_A, plan: 'PRO', ...fields });
const json = (value: unknown): string => JSON.stringify(value);

/** `CHART_IMG_ACCOUNTS_JSON` secrets: unparsable, duplicated, empty or misplaced keys, bad plans and limits. */
export const ACCOUNTS_CASES: readonly AccountsCase[] = [
  {
    id: 'ac-not-json-with-key',
    area: 'accounts',
    description: 'truncated JSON whose text holds a key',
    input: { raw: `[{"id": "acc-1", "apiKey": "${KEY_A}", "plan": "PRO"` },
    expect: { accounts: 'refused', mentions: ['not valid JSON'], secrets: [KEY_A] },
  },
  {
    id: 'ac-not-json-bare-key',
    area: 'accounts',
    description: 'a bare key pasted instead of JSON',
    input: { raw: KEY_A },
    expect: { accounts: 'refused', mentions: ['not valid JSON'], secrets: [KEY_A] },
  },
  {
    id: 'ac-bom',
    area: 'accounts',
    description: 'valid JSON behind a UTF-8 byte order mark',
    input: { raw: `\uFEFF${json([account({})])}` },
    expect: { accounts: 'refused', mentions: ['not valid JSON'], secrets: [KEY_A] },
  },
  {
    id: 'ac-object-not-array',
    area: 'accounts',
    description: 'one account object instead of an array',
    input: { raw: json(account({})) },
    expect: { accounts: 'refused', mentions: ['JSON array'], secrets: [KEY_A] },
  },
  {
    id: 'ac-null',
    area: 'accounts',
    description: 'the JSON value null',
    input: { raw: 'null' },
    expect: { accounts: 'refused', mentions: ['JSON array', 'null'] },
  },
  {
    id: 'ac-duplicate-ids',
    area: 'accounts',
    description: 'two accounts share an id',
    input: { raw: json([account({}), account({ apiKey: KEY_B })]) },
    expect: { accounts: 'refused', mentions: ['accounts[1]', 'already used'], secrets: [KEY_A, KEY_B] },
  },
  {
    id: 'ac-empty-key',
    area: 'accounts',
    description: 'apiKey is the empty string',
    input: { raw: json([account({ apiKey: '' })]) },
    expect: { accounts: 'refused', mentions: ['accounts[0]', 'apiKey'] },
  },
  {
    id: 'ac-blank-key',
    area: 'accounts',
    description: 'apiKey is only spaces',
    input: { raw: json([account({ apiKey: '   ' })]) },
    expect: { accounts: 'refused', mentions: ['apiKey'] },
  },
  {
    id: 'ac-key-control-char',
    area: 'accounts',
    description: 'apiKey ends in a newline (pasted from a file)',
    input: { raw: json([account({ apiKey: `${KEY_A}\n` })]) },
    expect: { accounts: 'refused', mentions: ['apiKey', 'control'], secrets: [KEY_A] },
  },
  {
    id: 'ac-unknown-plan',
    area: 'accounts',
    description: 'plan "GOLD"',
    input: { raw: json([account({ plan: 'GOLD' })]) },
    expect: { accounts: 'refused', mentions: ['plan', 'GOLD'], secrets: [KEY_A] },
  },
  {
    id: 'ac-key-in-plan',
    area: 'accounts',
    description: 'the key pasted into plan as well: the message must not echo it',
    input: { raw: json([account({ plan: KEY_A })]) },
    expect: { accounts: 'refused', mentions: ['plan'], secrets: [KEY_A] },
  },
  {
    id: 'ac-key-in-id',
    area: 'accounts',
    description: 'another account\u2019s key used as an id next to a bad plan',
    input: { raw: json([account({ apiKey: KEY_B }), account({ id: KEY_B, plan: 'GOLD' })]) },
    expect: { accounts: 'refused', mentions: ['accounts[1]', 'plan'], secrets: [KEY_A, KEY_B] },
  },
  {
    id: 'ac-negative-daily-limit',
    area: 'accounts',
    description: 'dailyLimit -5',
    input: { raw: json([account({ dailyLimit: -5 })]) },
    expect: { accounts: 'refused', mentions: ['dailyLimit', '-5'], secrets: [KEY_A] },
  },
  {
    id: 'ac-daily-limit-string',
    area: 'accounts',
    description: 'dailyLimit "44" (a string)',
    input: { raw: json([account({ dailyLimit: '44' })]) },
    expect: { accounts: 'refused', mentions: ['dailyLimit'] },
  },
  {
    id: 'ac-priority-fraction',
    area: 'accounts',
    description: 'priority 1.5',
    input: { raw: json([account({ priority: 1.5 })]) },
    expect: { accounts: 'refused', mentions: ['priority', '1.5'] },
  },
  {
    id: 'ac-misspelled-key-field',
    area: 'accounts',
    description: 'apikey (lowercase k) holds the key: unknown field, apiKey missing, value not echoed',
    input: { raw: json([{ id: 'acc-1', apikey: KEY_A }]) },
    expect: { accounts: 'refused', mentions: ['apikey', 'apiKey'], secrets: [KEY_A] },
  },
  {
    id: 'ac-id-dotdot',
    area: 'accounts',
    description: 'id ../../usage (used in Firestore document paths)',
    input: { raw: json([account({ id: '../../usage' })]) },
    expect: { accounts: 'refused', mentions: ['accounts[0]', 'id'], secrets: [KEY_A] },
  },
  {
    id: 'ac-entries-not-objects',
    area: 'accounts',
    description: 'entries null and a bare key string',
    input: { raw: json([null, KEY_A]) },
    expect: { accounts: 'refused', mentions: ['accounts[0]', 'accounts[1]'], secrets: [KEY_A] },
  },
  {
    id: 'ac-10k-accounts',
    area: 'accounts',
    description: '10,000 valid accounts',
    input: { raw: json(Array.from({ length: 10_000 }, (_, i) => account({ id: `acc-${i}`, apiKey: `${KEY_A}-${i}` }))) },
    expect: { accounts: 'accepted', count: 10_000 },
  },
];
