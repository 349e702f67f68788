import type { TemplateSyncReport } from '@worker-chart-export/adapter-firestore';

/** What `templates sync` did (or, in a dry run, would do), for both output formats. */
export interface SyncOutcome {
  readonly report: TemplateSyncReport;
  readonly dryRun: boolean;
  readonly prune: boolean;
  readonly templatesDir: string;
  /** `projects/P/databases/D`, with the emulator when one is used. */
  readonly target: string;
}

/** The `--output json` line: the flags, the target and the ids by outcome. */
export function syncReportJson(outcome: SyncOutcome): string {
  const { report } = outcome;
  return JSON.stringify({
    dryRun: outcome.dryRun,
    prune: outcome.prune,
    templatesDir: outcome.templatesDir,
    target: outcome.target,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    deleted: report.deleted,
    wouldDelete: report.wouldDelete,
  });
}

/**
 * The `--output text` report: a heading, one line per template id with what happens to it, and the
 * counts. In a dry run the verbs are conditional ("would create") and nothing is written.
 */
export function formatSyncReport(outcome: SyncOutcome): string {
  const { report, dryRun, prune } = outcome;
  const verb = (done: string, planned: string) => (dryRun ? planned : done);
  const staleVerb = prune ? 'would delete' : 'not in repo';
  const rows: [string, readonly string[]][] = [
    [verb('created', 'would create'), report.created],
    [verb('updated', 'would update'), report.updated],
    ['unchanged', report.unchanged],
    ['deleted', report.deleted],
    [staleVerb, report.wouldDelete],
  ];
  const width = Math.max(...rows.filter(([, ids]) => ids.length > 0).map(([label]) => label.length), 0);
  const lines = [`templates sync${dryRun ? ' (dry run: nothing written)' : ''}: ${outcome.templatesDir} -> chart_templates in ${outcome.target}`];
  for (const [label, ids] of rows) for (const id of ids) lines.push(`  ${label.padEnd(width)}  ${id}`);
  const stale = report.wouldDelete.length;
  lines.push(
    `${report.created.length} ${verb('created', 'to create')}, ${report.updated.length} ${verb('updated', 'to update')}, ` +
      `${report.unchanged.length} unchanged, ${report.deleted.length} deleted` +
      (stale === 0 ? '' : `, ${stale} ${prune ? 'to delete' : 'not in the repo, kept (--prune deletes)'}`),
  );
  return lines.join('\n');
}
