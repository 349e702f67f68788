import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Severity } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';

export const SEVERITIES: readonly Severity[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];

/** Where the catalog is documented. */
export const LOG_CATALOG_PATH = join(REPO_ROOT, 'docs/log-events.md');

/** One documented event: its name and the severities it may be logged with. */
export interface CatalogEntry {
  readonly event: string;
  readonly severities: readonly Severity[];
  /** The heading of the table it is in. */
  readonly section: string;
}

/** The events documented in `markdown`: every table row whose first cell is a code span (`step.completed`). */
export function parseLogCatalog(markdown: string): Map<string, CatalogEntry> {
  const entries = new Map<string, CatalogEntry>();
  let section = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
    const cells = line.startsWith('| `') ? line.split('|').map((cell) => cell.trim()) : [];
    const event = /^`([a-z0-9_.]+)`$/.exec(cells[1] ?? '')?.[1];
    const severities = (cells[2] ?? '').split(/[\s,]+/).filter((word): word is Severity => (SEVERITIES as readonly string[]).includes(word));
    // The common-fields table starts with code spans too, but has no severity column.
    if (event !== undefined && severities.length > 0) entries.set(event, { event, severities, section });
  }
  return entries;
}

/** docs/log-events.md, parsed. */
export async function readLogCatalog(): Promise<Map<string, CatalogEntry>> {
  return parseLogCatalog(await readFile(LOG_CATALOG_PATH, 'utf8'));
}
