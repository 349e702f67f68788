import { ok, type ConfigResult } from './config-result.js';
import { parseIntFlag, pickChoice, rejectBlankFlags, type Env } from './env.js';
import { checkGcsBucket } from './check-gcs-bucket.js';
import { checkRealProjectOutputs } from './check-real-project-outputs.js';
import { resolveFirestoreTarget } from './resolve-firestore-target.js';
import { TEMPLATES_SOURCES } from './run-local-config.js';
import { SHARED_RUN_TEXT_FLAGS, resolveSharedRunSettings } from './shared-run-flags.js';
import { SWEEP_DEFAULTS, type SweepConfig, type SweepFlags } from './sweep-config.js';

/**
 * Resolves `sweep`'s configuration without I/O: the rendering settings as for `run-local`, the Firestore
 * project (always needed), `--max-attempts` (1-100, default 3), `--batch-size` (1-500, default 20),
 * templates from Firestore unless `--templates-source files`, blobs on disk unless `--storage gcs`.
 * Against a real project (no emulator) nothing defaults: see {@link checkRealProjectOutputs}.
 */
export function resolveSweepConfig(flags: SweepFlags, env: Env): ConfigResult<SweepConfig> {
  const blank = rejectBlankFlags(flags, ['maxAttempts', 'batchSize', 'templatesSource', 'storage', 'project', ...SHARED_RUN_TEXT_FLAGS]);
  if (!blank.ok) return blank;

  const maxAttempts = parseIntFlag('--max-attempts', flags.maxAttempts, SWEEP_DEFAULTS.maxAttempts, 1, 100);
  if (!maxAttempts.ok) return maxAttempts;
  const batchSize = parseIntFlag('--batch-size', flags.batchSize, SWEEP_DEFAULTS.batchSize, 1, 500);
  if (!batchSize.ok) return batchSize;
  const templatesSource = pickChoice('--templates-source', flags.templatesSource, TEMPLATES_SOURCES, SWEEP_DEFAULTS.templatesSource);
  if (!templatesSource.ok) return templatesSource;
  const run = resolveSharedRunSettings(flags, env, SWEEP_DEFAULTS.storage);
  if (!run.ok) return run;
  const firestore = resolveFirestoreTarget(flags.project, env, 'sweep');
  if (!firestore.ok) return firestore;
  const outputs = checkRealProjectOutputs('sweep', firestore.value, flags, env, run.value);
  if (!outputs.ok) return outputs;
  const gcsBucket = checkGcsBucket(run.value.storage, flags, env);
  if (!gcsBucket.ok) return gcsBucket;

  return ok({
    ...run.value,
    maxAttempts: maxAttempts.value,
    batchSize: batchSize.value,
    templatesSource: templatesSource.value,
    firestore: firestore.value,
  });
}
