import type { AccountStatusRow } from '@worker-chart-export/adapter-firestore';

const HEADERS = ['id', 'plan', 'priority', 'used/limit', 'remaining', 'exhausted until', 'disabled reason'] as const;

/**
 * The `accounts status` table: one line per account with its plan, priority, today's usage against the
 * limit, the remaining units, until when it is exhausted and why it is disabled (`-` for none). Rows carry
 * no key, so none can be printed.
 */
export function formatAccountsTable(rows: readonly AccountStatusRow[]): string {
  const cells = rows.map((row) => [
    row.id,
    row.plan,
    String(row.priority),
    `${row.used}/${row.limit}`,
    String(row.remaining),
    row.exhaustedUntil ?? '-',
    row.disabled ? (row.disabledReason ?? 'disabled') : '-',
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => (line[column] ?? '').length)));
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(HEADERS), ...cells.map(render)].join('\n');
}

/** The `--json` line: the rows as an array (usage counters included, keys never). */
export function accountsJson(rows: readonly AccountStatusRow[]): string {
  return JSON.stringify(rows);
}
