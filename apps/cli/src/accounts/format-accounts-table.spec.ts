import { describe, expect, it } from '@jest/globals';
import type { AccountStatusRow } from '@worker-chart-export/adapter-firestore';
import { accountsJson, formatAccountsTable } from './format-accounts-table.js';

const row = (overrides: Partial<AccountStatusRow>): AccountStatusRow => ({
  id: 'acc-1',
  plan: 'BASIC',
  priority: 100,
  used: 0,
  limit: 44,
  remaining: 44,
  disabled: false,
  successToday: 0,
  failureToday: 0,
  ...overrides,
});

describe('formatAccountsTable', () => {
  it('aligns the columns under the headers and shows - for no exhaustion and no disabling', () => {
    const table = formatAccountsTable([
      row({ id: 'acc-free-1', priority: 10, used: 44, remaining: 0, exhaustedUntil: '2025-12-16T00:00:00Z' }),
      row({ id: 'acc-pro', plan: 'PRO', used: 7, limit: 400, remaining: 393, disabled: true, disabledReason: '403 Forbidden' }),
      row({ id: 'acc-x', disabled: true }),
    ]);
    expect(table.split('\n')).toEqual([
      'id          plan   priority  used/limit  remaining  exhausted until       disabled reason',
      'acc-free-1  BASIC  10        44/44       0          2025-12-16T00:00:00Z  -',
      'acc-pro     PRO    100       7/400       393        -                     403 Forbidden',
      'acc-x       BASIC  100       0/44        44         -                     disabled',
    ]);
  });

  it('prints only the headers when no account is configured', () => {
    expect(formatAccountsTable([])).toBe('id  plan  priority  used/limit  remaining  exhausted until  disabled reason');
  });
});

describe('accountsJson', () => {
  it('is one line holding the rows as they are', () => {
    const rows = [row({ id: 'a' }), row({ id: 'b', exhaustedUntil: '2025-12-16T00:00:00Z' })];
    const line = accountsJson(rows);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(rows);
  });
});
