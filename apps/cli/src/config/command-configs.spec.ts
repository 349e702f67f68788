import { describe, expect, it } from '@jest/globals';
import { resolveAccountsStatusConfig } from './accounts-status-config.js';
import { resolveEventsDeliverConfig } from './events-deliver-config.js';
import { resolveTemplatesSyncConfig, type TemplatesSyncFlags } from './templates-sync-config.js';

const project = { GOOGLE_CLOUD_PROJECT: 'demo-charts' };

describe('resolveTemplatesSyncConfig', () => {
  const flags: TemplatesSyncFlags = { templatesDir: 'chart-templates', dryRun: false, prune: false, output: 'text' };

  it('keeps the flags and resolves the project', () => {
    expect(resolveTemplatesSyncConfig({ ...flags, dryRun: true, prune: true, output: 'json' }, project)).toEqual({
      ok: true,
      value: { templatesDir: 'chart-templates', dryRun: true, prune: true, output: 'json', firestore: { projectId: 'demo-charts', databaseId: '(default)' } },
    });
  });

  it('rejects an unknown --output, an empty --templates-dir and a missing project', () => {
    expect(resolveTemplatesSyncConfig({ ...flags, output: 'yaml' }, project)).toEqual({ ok: false, message: '--output "yaml" is not one of text, json' });
    expect(resolveTemplatesSyncConfig({ ...flags, templatesDir: ' ' }, project)).toEqual({ ok: false, message: '--templates-dir must not be empty' });
    expect(resolveTemplatesSyncConfig(flags, {})).toMatchObject({ ok: false, message: expect.stringMatching(/^templates sync needs a Google Cloud project/) });
  });
});

describe('resolveAccountsStatusConfig', () => {
  it('takes the accounts from the file over CHART_IMG_ACCOUNTS_JSON', () => {
    const env = { ...project, CHART_IMG_ACCOUNTS_JSON: '[]' };
    expect(resolveAccountsStatusConfig({ accountsConfigPath: 'a.json', json: true }, env)).toMatchObject({
      ok: true,
      value: { accounts: { from: 'file', path: 'a.json' }, json: true },
    });
    expect(resolveAccountsStatusConfig({ json: false }, env)).toMatchObject({ ok: true, value: { accounts: { from: 'env', json: '[]' } } });
  });

  it('needs accounts and a project', () => {
    expect(resolveAccountsStatusConfig({ json: false }, project)).toEqual({
      ok: false,
      message: 'accounts status needs the Chart-IMG accounts: pass --accounts-config-path FILE or set CHART_IMG_ACCOUNTS_JSON',
    });
    expect(resolveAccountsStatusConfig({ accountsConfigPath: 'a.json', json: false }, {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^accounts status needs a Google Cloud project/),
    });
  });
});

describe('resolveEventsDeliverConfig', () => {
  const url = 'http://127.0.0.1:8080';

  it('reads a flow_run file or a Firestore document, with the token, event id and timeout', () => {
    expect(resolveEventsDeliverConfig({ workerUrl: url, flowRunPath: 'run.json' }, { ...project, FIRESTORE_DATABASE: 'charts-db' })).toEqual({
      ok: true,
      value: {
        workerUrl: url,
        source: { from: 'file', path: 'run.json' },
        firestore: { projectId: 'demo-charts', databaseId: 'charts-db' },
        timeoutMs: 600_000,
      },
    });
    const flags = { workerUrl: 'https://w.example', runId: 'r1', project: 'demo-flag', eventId: 'evt-1', timeoutMs: '5000' };
    expect(resolveEventsDeliverConfig(flags, { WORKER_ID_TOKEN: ' token ' })).toEqual({
      ok: true,
      value: {
        workerUrl: 'https://w.example',
        source: { from: 'firestore', runId: 'r1' },
        firestore: { projectId: 'demo-flag', databaseId: '(default)' },
        eventId: 'evt-1',
        timeoutMs: 5000,
        bearerToken: 'token',
      },
    });
  });

  it('names the flag that is empty or wrong', () => {
    expect(resolveEventsDeliverConfig({ workerUrl: url, runId: ' ' }, project)).toEqual({ ok: false, message: '--run-id must not be empty' });
    expect(resolveEventsDeliverConfig({ workerUrl: 'localhost:8080', runId: 'r1' }, project)).toEqual({
      ok: false,
      message: '--worker-url "localhost:8080" is not an http:// or https:// URL',
    });
    expect(resolveEventsDeliverConfig({ workerUrl: url, runId: 'r1', timeoutMs: '1s' }, project)).toEqual({
      ok: false,
      message: '--timeout-ms "1s" must be a whole number from 1 to 3600000',
    });
  });
});
