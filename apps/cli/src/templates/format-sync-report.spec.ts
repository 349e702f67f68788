import { describe, expect, it } from '@jest/globals';
import type { TemplateSyncReport } from '@worker-chart-export/adapter-firestore';
import { formatSyncReport, syncReportJson, type SyncOutcome } from './format-sync-report.js';

const report = (overrides: Partial<TemplateSyncReport>): TemplateSyncReport => ({
  created: [],
  updated: [],
  unchanged: [],
  deleted: [],
  wouldDelete: [],
  ...overrides,
});
const outcome = (overrides: Partial<SyncOutcome>): SyncOutcome => ({
  report: report({}),
  dryRun: false,
  prune: false,
  templatesDir: 'chart-templates',
  target: 'projects/demo-p/databases/(default)',
  ...overrides,
});

describe('formatSyncReport', () => {
  it('lists every id with what was done to it, then the counts', () => {
    const text = formatSyncReport(outcome({ report: report({ created: ['a'], updated: ['b'], unchanged: ['c'], deleted: ['d'] }), prune: true }));
    expect(text.split('\n')).toEqual([
      'templates sync: chart-templates -> chart_templates in projects/demo-p/databases/(default)',
      '  created    a',
      '  updated    b',
      '  unchanged  c',
      '  deleted    d',
      '1 created, 1 updated, 1 unchanged, 1 deleted',
    ]);
  });

  it('speaks conditionally in a dry run and says what --prune would delete', () => {
    const text = formatSyncReport(outcome({ report: report({ created: ['a'], wouldDelete: ['z'] }), dryRun: true, prune: true }));
    expect(text.split('\n')).toEqual([
      'templates sync (dry run: nothing written): chart-templates -> chart_templates in projects/demo-p/databases/(default)',
      '  would create  a',
      '  would delete  z',
      '1 to create, 0 to update, 0 unchanged, 0 deleted, 1 to delete',
    ]);
  });

  it('says documents not in the repo are kept without --prune', () => {
    const text = formatSyncReport(outcome({ report: report({ unchanged: ['a'], wouldDelete: ['z'] }) }));
    expect(text.split('\n').slice(1)).toEqual([
      '  unchanged    a',
      '  not in repo  z',
      '0 created, 0 updated, 1 unchanged, 0 deleted, 1 not in the repo, kept (--prune deletes)',
    ]);
  });
});

describe('syncReportJson', () => {
  it('is one line with the flags, the target and the ids by outcome', () => {
    const line = syncReportJson(outcome({ report: report({ created: ['a'], wouldDelete: ['z'] }), dryRun: true }));
    expect(JSON.parse(line)).toEqual({
      dryRun: true,
      prune: false,
      templatesDir: 'chart-templates',
      target: 'projects/demo-p/databases/(default)',
      created: ['a'],
      updated: [],
      unchanged: [],
      deleted: [],
      wouldDelete: ['z'],
    });
  });
});
