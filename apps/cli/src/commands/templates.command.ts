import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { RUN_LOCAL_DEFAULTS } from '../config/defaults.js';
import { SYNC_OUTPUTS } from '../config/templates-sync-config.js';
import { runOnUse } from './run-on-use.js';

const SYNC_HELP = `
Examples:
  # what would change, without writing (the emulator here; drop FIRESTORE_EMULATOR_HOST for Google Cloud)
  FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 GOOGLE_CLOUD_PROJECT=demo-charts \\
    npm run --silent cli -- templates sync --dry-run

  # apply, deleting documents whose template left the repo, and print the diff as JSON
  npm run --silent cli -- templates sync --project my-project --prune --output json

Every template is validated first (the same rules as at run time); one invalid template stops the sync
before anything is written. A second apply reports everything unchanged.

Environment:
  GOOGLE_CLOUD_PROJECT     Firestore project when --project is not given
  FIRESTORE_DATABASE       Firestore database (default "(default)")
  FIRESTORE_EMULATOR_HOST  host:port of a Firestore emulator to use instead of Google Cloud

Exit codes: 0 synced (or dry run done), 1 Firestore failed, 2 usage, configuration or invalid template.
`;

/** Adds `templates` with its `sync` subcommand to `program`; `onExit` receives the exit code. */
export function registerTemplatesCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  const templates = program.command('templates').description('Manage the chart templates in Firestore (chart_templates/{id}).');
  const sync = templates
    .command('sync')
    .description('Sync chart-templates/*.json to Firestore chart_templates: validate all, print the diff, apply.')
    .option('--templates-dir <dir>', 'directory of the repo templates', RUN_LOCAL_DEFAULTS.templatesDir)
    .option('--dry-run', 'print the diff, write nothing', false)
    .option('--prune', 'delete documents whose template is not in the directory', false)
    .option('--output <format>', `report format: ${SYNC_OUTPUTS.join('|')}`, 'text')
    .option('--project <id>', 'Google Cloud project of Firestore (env GOOGLE_CLOUD_PROJECT)')
    .addHelpText('after', SYNC_HELP);
  runOnUse(sync, async () => (await import('./templates-sync.js')).templatesSync, io, onExit);
  return templates;
}
