import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ChartsOutputsManifest } from '@worker-chart-export/domain';
import { leakedSecrets } from '../hostile/check-message.js';
import { readLogCatalog, type CatalogEntry } from './log-catalog.js';
import { KNOWN_REDACTION_FAILURES, LOG_SCENARIOS, type LogScenario } from './log-scenarios.js';
import { runLogScenario, type ScenarioCapture } from './run-log-scenario.js';

const COMMON_FIELDS = ['severity', 'message', 'time', 'service', 'env', 'event', 'runId'] as const;
const byName = new Map(LOG_SCENARIOS.map((s) => [s.name, s]));
const captures = new Map<string, ScenarioCapture>();
let catalog: Map<string, CatalogEntry>;

beforeAll(async () => {
  catalog = await readLogCatalog();
  for (const scenario of LOG_SCENARIOS) captures.set(scenario.name, await runLogScenario(scenario));
}, 120_000);

const names = LOG_SCENARIOS.map((s) => s.name);
const capture = (name: string): { s: LogScenario; c: ScenarioCapture } => {
  const s = byName.get(name);
  const c = captures.get(name);
  if (s === undefined || c === undefined) throw new Error(`scenario ${name} did not run`);
  return { s, c };
};
const parsedLines = (c: ScenarioCapture): Record<string, unknown>[] => c.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const manifestOf = (c: ScenarioCapture): ChartsOutputsManifest | undefined => {
  const key = c.blobs.paths().find((path) => path.endsWith('/manifest.json'));
  return key === undefined ? undefined : (c.blobs.json(key) as ChartsOutputsManifest);
};

/** Every place a key could end up: log lines, raw events, stored objects (manifest and PNGs), the flow_run, the result. */
function leaksOf(s: LogScenario, c: ScenarioCapture): string[] {
  const keys = s.accounts.map((account) => account.apiKey);
  const places: Array<[string, string]> = [
    ['winston log lines', c.lines.join('\n')],
    ['recorded events', JSON.stringify(c.events)],
    ...[...c.blobs.objects].map(([path, blob]): [string, string] => [path, Buffer.from(blob.bytes).toString('latin1')]),
    ['flow_run', JSON.stringify(c.flowRun)],
    ['result', JSON.stringify(c.result)],
  ];
  return places.flatMap(([place, text]) => leakedSecrets(text, keys).map((leak) => `${leak} in ${place}`));
}

describe.each(names)('scenario: %s', (name) => {
  it('ends with the expected status and code', () => {
    const { s, c } = capture(name);
    expect(c.result.status).toBe(s.expect.status);
    if (s.expect.code !== undefined) expect(c.result.status !== 'NOOP' && c.result.error?.code).toBe(s.expect.code);
  });

  it('emits only cataloged events, each with a documented severity, including the expected ones', () => {
    const { s, c } = capture(name);
    const undocumented = c.events.filter((e) => !catalog.get(e.event)?.severities.includes(e.severity)).map((e) => `${e.event} ${e.severity}`);
    expect(undocumented).toEqual([]);
    expect([...new Set(c.events.map((e) => e.event))]).toEqual(expect.arrayContaining([...s.expect.events]));
  });

  it('writes one winston JSON line per event, with the common fields and a cataloged event and severity', () => {
    const { c } = capture(name);
    const lines = parsedLines(c);
    expect(lines.map((line) => `${String(line['event'])} ${String(line['severity'])}`)).toEqual(c.events.map((e) => `${e.event} ${e.severity}`));
    for (const line of lines) {
      for (const field of COMMON_FIELDS) expect(line).toHaveProperty([field]);
      expect(line).toMatchObject({ service: 'worker-chart-export', env: 'test', stepId: expect.any(String), flowKey: expect.any(String) });
      expect(catalog.get(String(line['event']))?.severities).toContain(line['severity']);
    }
  });

  it('logs the all-accounts-exhausted ERROR event once, naming the exhausted accounts, only when they are', () => {
    const { s, c } = capture(name);
    const exhausted = c.events.filter((e) => e.event === 'chart_api.accounts_exhausted');
    if (!s.expect.exhausted) {
      expect(exhausted).toEqual([]);
      return;
    }
    expect(exhausted).toHaveLength(1);
    expect(exhausted[0]?.severity).toBe('ERROR');
    expect(exhausted[0]?.fields).toMatchObject({ error: { code: 'CHART_API_LIMIT_EXCEEDED' } });
    expect([...((exhausted[0]?.fields['exhaustedAccounts'] as string[] | undefined) ?? [])].sort()).toEqual(s.accounts.map((a) => a.id).sort());
  });

  it('finalizes the step with the per-step usage summary, which counts every call that reached Chart-IMG', () => {
    const { s, c } = capture(name);
    if (c.result.status === 'NOOP') throw new Error('unexpected NOOP');
    const step = (c.flowRun as { steps: Record<string, { outputs: { usage?: unknown } }> }).steps[c.result.stepId];
    expect(step?.outputs.usage).toEqual(c.result.usage);
    expect(c.result.usage.calls).toBe(c.providerCalls.length);
    const perAccount = Object.values(c.result.usage.byAccount).reduce((sum, a) => sum + a.calls, 0);
    expect(perAccount).toBe(c.result.usage.calls);
    if (s.mode === 'mock') expect(c.result.usage.replayed).toBe(2);
  });

  it('logs a WARNING-or-worse request.failed line for every failed request', () => {
    const { c } = capture(name);
    if (c.events.some((e) => e.event === 'step.validation_failed')) return;
    for (const failure of manifestOf(c)?.failures ?? []) {
      const id = failure.request.chartTemplateId;
      expect(c.events).toContainEqual(
        expect.objectContaining({
          event: 'request.failed',
          severity: expect.stringMatching(/^(WARNING|ERROR)$/),
          fields: expect.objectContaining({ chartTemplateId: id }),
        }),
      );
    }
  });

  const known = KNOWN_REDACTION_FAILURES[name];
  if (known === undefined) {
    it('shows no configured API key in any log line, event, stored object, flow_run or result', () => {
      const { s, c } = capture(name);
      expect(leaksOf(s, c)).toEqual([]);
    });
  } else {
    it(`still leaks a key (known bug: ${known}); once fixed, remove it from KNOWN_REDACTION_FAILURES`, () => {
      const { s, c } = capture(name);
      expect(leaksOf(s, c)).not.toEqual([]);
      // The winston log itself stays clean: it redacts every configured key.
      expect(
        leakedSecrets(
          c.lines.join('\n'),
          s.accounts.map((a) => a.apiKey),
        ),
      ).toEqual([]);
    });
  }
});

describe('the scenario set', () => {
  it('lists only existing scenarios as known redaction failures', () => {
    expect(Object.keys(KNOWN_REDACTION_FAILURES).filter((name) => !byName.has(name))).toEqual([]);
  });
});
