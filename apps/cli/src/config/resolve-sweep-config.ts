import { fail, ok, type ConfigResult } from './config-result.js';
import { firstEmptyFlag, parseIntFlag, pickChoice, type Env } from './env.js';
import { checkGcsBucket } from './check-gcs-bucket.js';
import { checkRealProjectOutputs } from './check-real-project-outputs.js';
import { resolveChartSettings } from './resolve-chart-settings.js';
import { resolveFirestoreTarget } from './resolve-firestore-target.js';
import { TEMPLATES_SOURCES } from './run-local-config.js';
import { STORAGE_KINDS } from './storage-kind.js';
import { SWEEP_DEFAULTS, type SweepConfig, type SweepFlags } from './sweep-config.js';

/**
 * Resolves `sweep`'s configuration without I/O: the rendering settings as for `run-local`, the Firestore
 * project (always needed), `--max-attempts` (1-100, default 3), `--batch-size` (1-500, default 20),
 * templates from Firestore unless `--templates-source files`, blobs on disk unless `--storage gcs`.
 * Against a real project (no emulator) nothing defaults: see {@link checkRealProjectOutputs}.
 */
export function resolveSweepConfig(flags: SweepFlags, env: Env): ConfigResult<SweepConfig> {
  const emptyFlag = firstEmptyFlag([
    ['--max-attempts', flags.maxAttempts],
    ['--batch-size', flags.batchSize],
    ['--templates-source', flags.templatesSource],
    ['--storage', flags.storage],
    ['--project', flags.project],
    ['--charts-api-mode', flags.chartsApiMode],
    ['--charts-bucket', flags.chartsBucket],
    ['--accounts-config-path', flags.accountsConfigPath],
    ['--templates-dir', flags.templatesDir],
    ['--fixtures-dir', flags.fixturesDir],
    ['--storage-dir', flags.storageDir],
  ]);
  if (emptyFlag !== undefined) return fail(`${emptyFlag} must not be empty`);

  const maxAttempts = parseIntFlag('--max-attempts', flags.maxAttempts, SWEEP_DEFAULTS.maxAttempts, 1, 100);
  if (!maxAttempts.ok) return maxAttempts;
  const batchSize = parseIntFlag('--batch-size', flags.batchSize, SWEEP_DEFAULTS.batchSize, 1, 500);
  if (!batchSize.ok) return batchSize;
  const templatesSource = pickChoice('--templates-source', flags.templatesSource, TEMPLATES_SOURCES, SWEEP_DEFAULTS.templatesSource);
  if (!templatesSource.ok) return templatesSource;
  const storage = pickChoice('--storage', flags.storage, STORAGE_KINDS, SWEEP_DEFAULTS.storage);
  if (!storage.ok) return storage;

  const chart = resolveChartSettings(flags, env);
  if (!chart.ok) return chart;
  const firestore = resolveFirestoreTarget(flags.project, env, 'sweep');
  if (!firestore.ok) return firestore;
  const outputs = checkRealProjectOutputs('sweep', firestore.value, flags, env, { chartsApiMode: chart.value.chartsApiMode, storage: storage.value });
  if (!outputs.ok) return outputs;
  const gcsBucket = checkGcsBucket(storage.value, flags, env);
  if (!gcsBucket.ok) return gcsBucket;

  return ok({
    ...chart.value,
    maxAttempts: maxAttempts.value,
    batchSize: batchSize.value,
    templatesSource: templatesSource.value,
    templatesDir: flags.templatesDir,
    fixturesDir: flags.fixturesDir,
    storage: storage.value,
    storageDir: flags.storageDir,
    firestore: firestore.value,
  });
}
