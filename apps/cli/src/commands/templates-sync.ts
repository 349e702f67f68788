import { writeLine, type CliIo } from '../cli-io.js';
import { describeFirestoreTarget } from '../config/resolve-firestore-target.js';
import { resolveTemplatesSyncConfig, type TemplatesSyncFlags } from '../config/templates-sync-config.js';
import { loadFirestoreAdapters } from '../firestore/load-cloud-adapters.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { formatSyncReport, syncReportJson } from '../templates/format-sync-report.js';
import { readTemplateDir } from '../templates/read-template-dir.js';
import { required } from '../usage-error.js';
import { failedCommand, runCommand } from './run-command.js';

/**
 * `templates sync`: validates every template of `--templates-dir` (any invalid one: exit 2, nothing
 * written), then makes `chart_templates` match them, deleting documents not in the repo only with
 * `--prune`, or only reports the diff with `--dry-run`. Exit 0 done, 1 Firestore failed, 2 usage error.
 */
export function templatesSync(flags: TemplatesSyncFlags, io: CliIo): Promise<number> {
  return runCommand(io, failedCommand('templates sync'), async () => {
    const config = required(resolveTemplatesSyncConfig(flags, io.env));
    const templates = required(await readTemplateDir(config.templatesDir));
    const firestore = await loadFirestoreAdapters();
    const db = firestore.createFirestore({ projectId: config.firestore.projectId, databaseId: config.firestore.databaseId });
    let report;
    try {
      report = await firestore.syncTemplates({ db, templates, dryRun: config.dryRun, prune: config.prune });
    } finally {
      await db.terminate();
    }
    const outcome = {
      report,
      dryRun: config.dryRun,
      prune: config.prune,
      templatesDir: config.templatesDir,
      target: describeFirestoreTarget(config.firestore),
    };
    await writeLine(io.stdout, config.output === 'json' ? syncReportJson(outcome) : formatSyncReport(outcome));
    return EXIT_CODES.succeeded;
  });
}
