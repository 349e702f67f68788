import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Severity } from '@worker-chart-export/domain';
import { LOG_EVENTS } from '@worker-chart-export/domain';
import { parseLogCatalog, readLogCatalog, type CatalogEntry } from './log-catalog.js';
import { scanLogEvents, type LogEventScan } from './scan-log-events.js';

let catalog: Map<string, CatalogEntry>;
let scan: LogEventScan;

beforeAll(async () => {
  [catalog, scan] = await Promise.all([readLogCatalog(), scanLogEvents()]);
});

const sourceNames = (): Set<string> => new Set([...scan.declared.keys(), ...scan.calls.map((call) => call.event)]);

describe('docs/log-events.md, the log event catalog', () => {
  it('is read from its tables: events with their severities, not the common-fields table', () => {
    const parsed = parseLogCatalog(['| field | in |', '|---|---|', '| `runId` | every line |', '| `step.completed` | INFO, WARNING | x | y |'].join('\n'));
    expect([...parsed.values()]).toEqual([{ event: 'step.completed', severities: ['INFO', 'WARNING'], section: '' }]);
  });

  it('finds every event of the code: the domain catalog and the worker and CLI ones, at their call sites', () => {
    expect(scan.unresolved).toEqual([]);
    for (const name of Object.values(LOG_EVENTS)) expect(scan.declared.has(name)).toBe(true);
    expect(scan.calls).toContainEqual(expect.objectContaining({ event: 'step.completed', severities: ['INFO', 'WARNING'] }));
    expect(scan.calls).toContainEqual(expect.objectContaining({ event: 'event.skipped', severities: ['INFO'] }));
    expect(scan.calls).toContainEqual(expect.objectContaining({ event: 'cli.run_local.finished', severities: ['INFO', 'WARNING'] }));
  });

  it('documents every event name the code declares or logs', () => {
    expect([...sourceNames()].filter((name) => !catalog.has(name)).sort()).toEqual([]);
  });

  it('documents no event the code neither declares nor logs', () => {
    const names = sourceNames();
    expect([...catalog.keys()].filter((name) => !names.has(name)).sort()).toEqual([]);
  });

  it('documents every severity a call site can log each event with', () => {
    const undocumented = scan.calls.flatMap((call) =>
      call.severities
        .filter((severity) => !catalog.get(call.event)?.severities.includes(severity))
        .map((severity) => `${call.event} ${severity} (${call.file})`),
    );
    expect(undocumented).toEqual([]);
  });

  it('documents no severity that no call site uses', () => {
    const used = new Map<string, Set<Severity>>();
    for (const call of scan.calls) for (const severity of call.severities) used.set(call.event, (used.get(call.event) ?? new Set()).add(severity));
    const unused = [...catalog.values()].flatMap((entry) =>
      entry.severities.filter((severity) => !used.get(entry.event)?.has(severity)).map((severity) => `${entry.event} ${severity}`),
    );
    expect(unused).toEqual([]);
  });
});
