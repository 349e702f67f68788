import { Option, type Command } from 'commander';
import { CHARTS_API_MODES } from '@worker-chart-export/domain';
import type { CliIo } from '../cli-io.js';
import { RUN_LOCAL_DEFAULTS } from '../config/defaults.js';
import {
  ACCOUNT_USAGE_STORES,
  FLOW_RUN_SOURCES,
  OUTPUT_SUMMARIES,
  TEMPLATES_SOURCES,
  type RunLocalFlags,
} from '../config/run-local-config.js';
import { runLocal } from './run-local.js';

const EXAMPLES = `
Examples:
  # the example flow_run with the embedded default (mock Chart-IMG, files under .charts-out/)
  npm run --silent cli -- run-local --flow-run-path fixtures/flow-runs/example-ready.json --output-summary text

  # one named step, the JSON summary as the last stdout line
  npm run --silent cli -- run-local --flow-run-path fixtures/flow-runs/example-ready.json \\
    --step-id charts:1h:all_templates --output-summary json | tail -1

  # through Nx
  npx nx run cli:run -- run-local --flow-run-path fixtures/flow-runs/example-ready.json --output-summary text

  # the real API with accounts from a file, into another bucket, writing the result back to the file
  npm run --silent cli -- run-local --flow-run-path run.json --charts-api-mode real \\
    --accounts-config-path chart-img.accounts.local.json --charts-bucket gs://my-bucket --write-back

  # flow_runs/{runId}, templates and account usage from Firestore (here the emulator)
  FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 GOOGLE_CLOUD_PROJECT=demo-charts \\
    npm run --silent cli -- run-local --flow-run-source firestore --run-id 20251215-102530_BTCUSDT_k3f7a \\
    --templates-source firestore --account-usage firestore --output-summary json

Environment:
  CHARTS_API_MODE          real|mock|record (the flag wins; default mock)
  CHARTS_BUCKET            gs://<bucket> (the flag wins; default gs://charts-local)
  CHART_IMG_ACCOUNTS_JSON  accounts JSON when --accounts-config-path is not given
  CHART_IMG_BASE_URL       Chart-IMG base URL (default https://api.chart-img.com)
  CHARTS_DEFAULT_TIMEZONE  timezone of templates without one (default Etc/UTC)
  ENV                      env of the log lines (default local); record mode is refused when prod
  LOG_LEVEL                debug|info|warn|error (default info)
  GOOGLE_CLOUD_PROJECT     Firestore project when --project is not given (any Firestore source)
  FIRESTORE_DATABASE       Firestore database (default "(default)")
  FIRESTORE_EMULATOR_HOST  host:port of a Firestore emulator to use instead of Google Cloud

Exit codes: 0 SUCCEEDED, 1 FAILED, 3 NOOP (nothing to run), 2 usage or configuration error.
`;

/** Adds `run-local` to `program`; `onExit` receives the exit code when the command ends. */
export function registerRunLocalCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  return program
    .command('run-local')
    .description(
      'Run one CHART_EXPORT step of a local flow_run JSON file with no cloud, or of a Firestore flow_run (logs: JSON lines on stderr).',
    )
    .option('--flow-run-path <path>', 'flow_run JSON file (flow_run.schema.json); required with --flow-run-source file')
    .option('--flow-run-source <source>', `where the flow_run is: ${FLOW_RUN_SOURCES.join('|')} (default file)`)
    .option('--run-id <id>', 'with --flow-run-source firestore: the flow_runs/{runId} document to claim and finalize')
    .option('--step-id <id>', 'run this CHART_EXPORT step (default: the first READY one by stepId)')
    .option('--templates-source <source>', `chart templates from: ${TEMPLATES_SOURCES.join('|')} (files: --templates-dir; default files)`)
    .option('--account-usage <store>', `Chart-IMG account usage in: ${ACCOUNT_USAGE_STORES.join('|')} (default memory)`)
    .option('--project <id>', 'Google Cloud project of Firestore (env GOOGLE_CLOUD_PROJECT)')
    .addOption(new Option('--charts-api-mode <mode>', `Chart-IMG mode: ${CHARTS_API_MODES.join('|')} (env CHARTS_API_MODE; default mock)`))
    .option('--charts-bucket <gs-uri>', 'bucket of PNGs and manifest, gs://<bucket> (env CHARTS_BUCKET; default gs://charts-local)')
    .option('--accounts-config-path <file>', 'Chart-IMG accounts, same JSON as CHART_IMG_ACCOUNTS_JSON (required for real/record)')
    .option('--output-summary <format>', `summary on stdout: ${OUTPUT_SUMMARIES.join('|')}`, RUN_LOCAL_DEFAULTS.outputSummary)
    .option('--templates-dir <dir>', 'chart templates directory', RUN_LOCAL_DEFAULTS.templatesDir)
    .option('--fixtures-dir <dir>', 'Chart-IMG fixtures directory (mock and record)', RUN_LOCAL_DEFAULTS.fixturesDir)
    .option('--storage-dir <dir>', 'where objects are written, as <storage-dir>/<bucket>/<object>', RUN_LOCAL_DEFAULTS.storageDir)
    .option('--write-back', 'write the finalized flow_run back to the file (file source only)', false)
    .addHelpText('after', EXAMPLES)
    .action(async (flags: RunLocalFlags) => {
      onExit(await runLocal(flags, io));
    });
}
