import { describe, expect, it } from '@jest/globals';
import { resolveSweepConfig } from './resolve-sweep-config.js';
import type { SweepFlags } from './sweep-config.js';

const baseFlags: SweepFlags = { templatesDir: 'chart-templates', fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2', storageDir: '.charts-out' };
const project = { GOOGLE_CLOUD_PROJECT: 'demo-charts' };

function resolve(flags: Partial<SweepFlags> = {}, env: Record<string, string> = project) {
  return resolveSweepConfig({ ...baseFlags, ...flags }, env);
}

function messageOf(result: ReturnType<typeof resolve>): string {
  if (result.ok) throw new Error('expected a configuration error');
  return result.message;
}

describe('resolveSweepConfig', () => {
  it("defaults to the worker's sweep settings: Firestore templates, local blobs, mock Chart-IMG", () => {
    expect(resolve()).toEqual({
      ok: true,
      value: {
        chartsApiMode: 'mock',
        bucket: 'charts-local',
        accounts: { from: 'none' },
        defaultTimezone: 'Etc/UTC',
        env: 'local',
        logLevel: 'info',
        maxAttempts: 3,
        batchSize: 20,
        templatesSource: 'firestore',
        templatesDir: 'chart-templates',
        fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
        storage: 'local',
        storageDir: '.charts-out',
        firestore: { projectId: 'demo-charts', databaseId: '(default)' },
      },
    });
  });

  it('reads --max-attempts, --batch-size, --templates-source, --storage and --project', () => {
    const flags = { maxAttempts: '5', batchSize: '100', templatesSource: 'files', storage: 'gcs', project: 'demo-other' };
    expect(resolve(flags)).toMatchObject({
      ok: true,
      value: { maxAttempts: 5, batchSize: 100, templatesSource: 'files', storage: 'gcs', firestore: { projectId: 'demo-other' } },
    });
  });

  it.each([
    [{ maxAttempts: '0' }, '--max-attempts "0" must be a whole number from 1 to 100'],
    [{ maxAttempts: '2.5' }, '--max-attempts "2.5" must be a whole number from 1 to 100'],
    [{ batchSize: 'all' }, '--batch-size "all" must be a whole number from 1 to 500'],
    [{ storage: 's3' }, '--storage "s3" is not one of local, gcs'],
    [{ templatesSource: 'web' }, '--templates-source "web" is not one of files, firestore'],
    [{ storageDir: '' }, '--storage-dir must not be empty'],
  ])('rejects %j', (flags, message) => {
    expect(messageOf(resolve(flags))).toBe(message);
  });

  it('needs a project, and accounts in real mode, like run-local', () => {
    expect(messageOf(resolve({}, {}))).toBe('sweep needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT');
    expect(messageOf(resolve({ chartsApiMode: 'real' }))).toMatch(/^--charts-api-mode=real needs Chart-IMG accounts/);
  });
});
