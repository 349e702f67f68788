import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { runOnUse } from './run-on-use.js';

const STATUS_HELP = `
Examples:
  # today's usage of the accounts in a file, as a table
  GOOGLE_CLOUD_PROJECT=my-project npm run --silent cli -- accounts status \\
    --accounts-config-path chart-img.accounts.local.json

  # the same rows as one JSON array, accounts from the env (as the worker reads them)
  CHART_IMG_ACCOUNTS_JSON="$(cat chart-img.accounts.local.json)" \\
    npm run --silent cli -- accounts status --project my-project --json

Columns: id, plan, priority, used/limit (today, UTC), remaining, exhausted until, disabled reason.
API keys are never printed.

Environment:
  CHART_IMG_ACCOUNTS_JSON  accounts JSON when --accounts-config-path is not given
  GOOGLE_CLOUD_PROJECT     Firestore project when --project is not given
  FIRESTORE_DATABASE       Firestore database (default "(default)")
  FIRESTORE_EMULATOR_HOST  host:port of a Firestore emulator to use instead of Google Cloud

Exit codes: 0 printed, 1 Firestore failed, 2 usage or configuration error.
`;

/** Adds `accounts` with its `status` subcommand to `program`; `onExit` receives the exit code. */
export function registerAccountsCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  const accounts = program.command('accounts').description('Inspect the Chart-IMG accounts (usage in Firestore chart_img_accounts_usage).');
  const status = accounts
    .command('status')
    .description("Print every configured account's usage today: a table, or JSON with --json.")
    .option('--accounts-config-path <file>', 'Chart-IMG accounts, same JSON as CHART_IMG_ACCOUNTS_JSON')
    .option('--json', 'print the rows as one JSON array', false)
    .option('--project <id>', 'Google Cloud project of Firestore (env GOOGLE_CLOUD_PROJECT)')
    .addHelpText('after', STATUS_HELP);
  runOnUse(status, async () => (await import('./accounts-status.js')).accountsStatus, io, onExit);
  return accounts;
}
