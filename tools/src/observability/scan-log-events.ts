import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Severity } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';
import { SEVERITIES } from './log-catalog.js';

/** A `.log(severity, event, ...)` call found in the source. */
export interface LogCallSite {
  readonly file: string;
  readonly event: string;
  /** The severity literals of the first argument (`ok ? 'INFO' : 'WARNING'` gives both). */
  readonly severities: readonly Severity[];
}

export interface LogEventScan {
  /** Event names declared in `*_EVENTS` / `LOG_EVENTS` constants, with the file declaring each. */
  readonly declared: ReadonlyMap<string, string>;
  readonly calls: readonly LogCallSite[];
  /** `.log(` calls whose event could not be resolved to a name. */
  readonly unresolved: readonly string[];
}

const CATALOG_CONSTANT = /export const ((?:\w+_)?EVENTS) = \{([\s\S]*?)\}\s*as const/g;
const CATALOG_ENTRY = /(\w+):\s*'([^']+)'/g;
const ALIAS = /\b((?:\w+_)?EVENTS)\s+as\s+(\w+)/g;
// `.log(<severity expression>, <CONST>.<key> | '<literal>'`; the expression may hold one level of parentheses.
const LOG_CALL = /\.log\(\s*((?:[^,()]|\((?:[^()]|\([^()]*\))*\))+?),\s*(?:(\w+)\.(\w+)|'([^']+)')/g;

/** Scans every non-spec TypeScript file under libs/ and apps/ for declared and logged event names. */
export async function scanLogEvents(roots: readonly string[] = ['libs', 'apps']): Promise<LogEventScan> {
  const files = (await Promise.all(roots.map((root) => sourceFiles(join(REPO_ROOT, root))))).flat();
  const texts = new Map(await Promise.all(files.map(async (file) => [relative(REPO_ROOT, file), await readFile(file, 'utf8')] as const)));
  const catalogs = new Map<string, Map<string, string>>();
  const declared = new Map<string, string>();
  for (const [file, text] of texts) {
    for (const [, constant, body] of text.matchAll(CATALOG_CONSTANT)) {
      const entries = new Map([...(body ?? '').matchAll(CATALOG_ENTRY)].map(([, key, name]) => [key as string, name as string]));
      catalogs.set(constant as string, entries);
      for (const name of entries.values()) declared.set(name, file);
    }
  }
  const calls: LogCallSite[] = [];
  const unresolved: string[] = [];
  for (const [file, text] of texts) {
    const aliases = new Map([...text.matchAll(ALIAS)].map(([, constant, alias]) => [alias as string, constant as string]));
    for (const [call, severityText, constant, key, literal] of text.matchAll(LOG_CALL)) {
      const severities = SEVERITIES.filter((severity) => (severityText ?? '').includes(`'${severity}'`));
      const event = literal ?? catalogs.get(aliases.get(constant ?? '') ?? constant ?? '')?.get(key ?? '');
      if (event === undefined || severities.length === 0) unresolved.push(`${file}: ${call.replace(/\s+/g, ' ')}`);
      else calls.push({ file, event, severities });
    }
  }
  return { declared, calls, unresolved };
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}
