import { Option, type Command } from 'commander';
import { CHARTS_API_MODES } from '@worker-chart-export/domain';
import type { CliIo } from '../cli-io.js';
import { RUN_LOCAL_DEFAULTS } from '../config/defaults.js';
import { STORAGE_KINDS } from '../config/storage-kind.js';
import { ACCOUNT_USAGE_STORES, FLOW_RUN_SOURCES, OUTPUT_SUMMARIES, TEMPLATES_SOURCES } from '../config/run-local-config.js';
import { runOnUse } from './run-on-use.js';

const EXAMPLES = `
Examples:
  # the example flow_run with the embedded default (mock Chart-IMG, files under .charts-out/)
  npm run --silent cli -- run-local --flow-run-path fixtures/flow-runs/example-ready.json --output-summary text

  # one named step, the JSON summary as the last stdout line
  npm run --silent cli -- run-local --flow-run-path fixtures/flow-runs/example-ready.json \\
    --step-id charts:1h:all_templates --output-summary json | tail -1

  # every chart drawn by the local renderer from OHLCV (no Chart-IMG, no accounts; from a fresh clone the
  # example file fixtures/ohlcv/BTCUSDT_1h.json stands in for the step's own OHLCV export)
  npm run --silent cli -- run-local --flow-run-path fixtures/flow-runs/example-ready.json \\
    --charts-api-mode local --output-summary text

  # through Nx
  npx nx run cli:run -- run-local --flow-run-path fixtures/flow-runs/example-ready.json --output-summary text

  # the real API with accounts from a file, into another bucket, writing the result back to the file
  npm run --silent cli -- run-local --flow-run-path run.json --charts-api-mode real \\
    --accounts-config-path chart-img.accounts.local.json --charts-bucket gs://my-bucket --write-back

  # flow_runs/{runId}, templates and account usage from Firestore (here the emulator)
  FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 GOOGLE_CLOUD_PROJECT=demo-charts \\
    npm run --silent cli -- run-local --flow-run-source firestore --run-id 20251215-102530_BTCUSDT_k3f7a \\
    --templates-source firestore --account-usage firestore --output-summary json

  # a flow_run of a real project: mode, bucket and storage must be given, real Chart-IMG into GCS
  # (quota reserved in the project's chart_img_accounts_usage, shared with the deployed worker)
  npm run --silent cli -- run-local --project my-project --flow-run-source firestore --run-id RUN_ID \\
    --templates-source firestore --charts-api-mode real \\
    --accounts-config-path chart-img.accounts.local.json --charts-bucket gs://my-charts --storage gcs

Environment:
  CHARTS_API_MODE          real|mock|record|local (the flag wins; default mock, none for a real project's flow_run)
  CHART_RENDER_FALLBACK    off|local: local draws a request Chart-IMG cannot serve (default off)
  CHARTS_BUCKET            gs://<bucket> (the flag wins; default gs://charts-local, none for a real
                           project's flow_run or for --storage gcs outside the storage emulator)
  CHART_IMG_ACCOUNTS_JSON  accounts JSON when --accounts-config-path is not given
  CHART_IMG_BASE_URL       Chart-IMG base URL (default https://api.chart-img.com)
  CHARTS_DEFAULT_TIMEZONE  timezone of templates without one (default Etc/UTC)
  ENV                      env of the log lines (default local); record mode is refused when prod
  LOG_LEVEL                debug|info|warn|error (default info)
  GOOGLE_CLOUD_PROJECT     Firestore project when --project is not given (any Firestore source)
  FIRESTORE_DATABASE       Firestore database (default "(default)")
  FIRESTORE_EMULATOR_HOST  host:port of a Firestore emulator to use instead of Google Cloud
  STORAGE_EMULATOR_HOST    with --storage gcs: the endpoint of a Cloud Storage emulator

Exit codes: 0 SUCCEEDED, 1 FAILED, 3 NOOP (nothing to run), 2 usage or configuration error.
`;

/** Adds `run-local` to `program`; `onExit` receives the exit code when the command ends. */
export function registerRunLocalCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  const runLocal = program
    .command('run-local')
    .description('Run one CHART_EXPORT step of a local flow_run JSON file with no cloud, or of a Firestore flow_run (logs: JSON lines on stderr).')
    .option('--flow-run-path <path>', 'flow_run JSON file (flow_run.schema.json); required with --flow-run-source file')
    .option('--flow-run-source <source>', `where the flow_run is: ${FLOW_RUN_SOURCES.join('|')} (default file)`)
    .option('--run-id <id>', 'with --flow-run-source firestore: the flow_runs/{runId} document to claim and finalize')
    .option('--step-id <id>', 'run this CHART_EXPORT step (default: the first READY one by stepId)')
    .option('--templates-source <source>', `chart templates from: ${TEMPLATES_SOURCES.join('|')} (files: --templates-dir; default files)`)
    .option(
      '--account-usage <store>',
      `Chart-IMG account usage in: ${ACCOUNT_USAGE_STORES.join('|')} (default memory; firestore for a real project's flow_run in real/record mode)`,
    )
    .option('--project <id>', 'Google Cloud project of Firestore (env GOOGLE_CLOUD_PROJECT)')
    .addOption(
      new Option(
        '--charts-api-mode <mode>',
        `Chart-IMG mode: ${CHARTS_API_MODES.join('|')} (env CHARTS_API_MODE; default mock, required for a real project's flow_run)`,
      ),
    )
    .option(
      '--charts-bucket <gs-uri>',
      "bucket of PNGs and manifest, gs://<bucket> (env CHARTS_BUCKET; default gs://charts-local, required for a real project's flow_run)",
    )
    .option('--accounts-config-path <file>', 'Chart-IMG accounts, same JSON as CHART_IMG_ACCOUNTS_JSON (required for real/record)')
    .option('--output-summary <format>', `summary on stdout: ${OUTPUT_SUMMARIES.join('|')}`, RUN_LOCAL_DEFAULTS.outputSummary)
    .option('--templates-dir <dir>', 'chart templates directory', RUN_LOCAL_DEFAULTS.templatesDir)
    .option('--fixtures-dir <dir>', 'Chart-IMG fixtures directory (mock and record)', RUN_LOCAL_DEFAULTS.fixturesDir)
    .option(
      '--storage <kind>',
      `where PNGs and manifest go: ${STORAGE_KINDS.join('|')} (gcs: Cloud Storage, or STORAGE_EMULATOR_HOST; default local, required for a real project's flow_run)`,
    )
    .option('--storage-dir <dir>', 'with --storage local: objects are written as <storage-dir>/<bucket>/<object>', RUN_LOCAL_DEFAULTS.storageDir)
    .option(
      '--ohlcv-dir <dir>',
      "local renderer, with --storage local: example OHLCV files (<SYMBOL>_<timeframe>.json) drawn from when the step's own OHLCV file is not in the storage dir",
      RUN_LOCAL_DEFAULTS.ohlcvDir,
    )
    .option('--allow-test-outputs', "let mock/record Chart-IMG, --storage local or --account-usage memory run a real project's flow_run (refused otherwise)")
    .option('--write-back', 'write the finalized flow_run back to the file (file source only)', false)
    .addHelpText('after', EXAMPLES);
  return runOnUse(runLocal, async () => (await import('./run-local.js')).runLocal, io, onExit);
}
