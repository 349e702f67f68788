import { describe, expect, it } from '@jest/globals';
import { resolveAccountsStatusConfig } from './accounts-status-config.js';
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
