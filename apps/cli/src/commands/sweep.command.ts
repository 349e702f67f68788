import type { Command } from 'commander';
import { CHARTS_API_MODES } from '@worker-chart-export/domain';
import type { CliIo } from '../cli-io.js';
import { RUN_LOCAL_DEFAULTS } from '../config/defaults.js';
import { TEMPLATES_SOURCES } from '../config/run-local-config.js';
import { STORAGE_KINDS } from '../config/storage-kind.js';
import { SWEEP_DEFAULTS } from '../config/sweep-config.js';
import { runOnUse } from './run-on-use.js';

const EXAMPLES = `
Examples:
  # one sweep against the emulator, mock Chart-IMG, blobs under .charts-out/
  FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 GOOGLE_CLOUD_PROJECT=demo-charts \\
    npm run --silent cli -- sweep

  # ops: production Firestore and GCS, real Chart-IMG, at most 2 re-drives per step
  # (against a real project --charts-api-mode, --charts-bucket and --storage must be given;
  #  mock/record or --storage local are refused unless --allow-test-outputs)
  npm run --silent cli -- sweep --project my-project --storage gcs --charts-bucket gs://my-charts \\
    --charts-api-mode real --accounts-config-path chart-img.accounts.local.json --max-attempts 2

Output: the sweeper's report as one JSON line on stdout,
  {"examined":N,"actions":[{"runId","stepId","action":"closed|ran|redriven|failed|error","detail"}]};
logs are JSON lines on stderr.

Environment: as run-local (CHARTS_API_MODE, CHARTS_BUCKET, CHART_IMG_ACCOUNTS_JSON, CHART_IMG_BASE_URL,
  CHARTS_DEFAULT_TIMEZONE, ENV, LOG_LEVEL), plus GOOGLE_CLOUD_PROJECT, FIRESTORE_DATABASE,
  FIRESTORE_EMULATOR_HOST, and for --storage gcs the Cloud Storage client's (STORAGE_EMULATOR_HOST).

Exit codes: 0 every expired lease settled, 1 one could not be (see the report), 2 usage or configuration error.
`;

/** Adds `sweep` to `program`; `onExit` receives the exit code when the command ends. */
export function registerSweepCommand(program: Command, io: CliIo, onExit: (code: number) => void): Command {
  const sweep = program
    .command('sweep')
    .description('Settle CHART_EXPORT steps whose lease expired in Firestore once (re-drive, run or fail them); prints the report.')
    .option('--max-attempts <n>', `re-drives before a step is FAILED with STEP_LEASE_EXHAUSTED (default ${SWEEP_DEFAULTS.maxAttempts})`)
    .option('--batch-size <n>', `expired leases settled in this pass (default ${SWEEP_DEFAULTS.batchSize})`)
    .option(
      '--charts-api-mode <mode>',
      `Chart-IMG mode: ${CHARTS_API_MODES.join('|')} (env CHARTS_API_MODE; default mock on the emulator, required on a real project)`,
    )
    .option(
      '--charts-bucket <gs-uri>',
      'bucket of PNGs and manifest, gs://<bucket> (env CHARTS_BUCKET; default gs://charts-local on the emulator, required on a real project)',
    )
    .option('--accounts-config-path <file>', 'Chart-IMG accounts, same JSON as CHART_IMG_ACCOUNTS_JSON (required for real/record)')
    .option('--templates-source <source>', `chart templates from: ${TEMPLATES_SOURCES.join('|')} (default ${SWEEP_DEFAULTS.templatesSource})`)
    .option('--templates-dir <dir>', 'chart templates directory (with --templates-source files)', RUN_LOCAL_DEFAULTS.templatesDir)
    .option('--fixtures-dir <dir>', 'Chart-IMG fixtures directory (mock and record)', RUN_LOCAL_DEFAULTS.fixturesDir)
    .option(
      '--storage <kind>',
      `where PNGs and manifests go: ${STORAGE_KINDS.join('|')} (default ${SWEEP_DEFAULTS.storage} on the emulator, required on a real project)`,
    )
    .option('--storage-dir <dir>', 'with --storage local: objects are written as <storage-dir>/<bucket>/<object>', RUN_LOCAL_DEFAULTS.storageDir)
    .option('--allow-test-outputs', 'on a real project, let mock/record Chart-IMG or --storage local finalize steps (refused otherwise)')
    .option('--project <id>', 'Google Cloud project of Firestore (env GOOGLE_CLOUD_PROJECT)')
    .addHelpText('after', EXAMPLES);
  return runOnUse(sweep, async () => (await import('./sweep.js')).sweep, io, onExit);
}
