import type { ChartFlags, ChartSettings } from './chart-settings.js';
import { ok, type ConfigResult } from './config-result.js';
import { pickChoice, type Env } from './env.js';
import { resolveChartSettings } from './resolve-chart-settings.js';
import { STORAGE_KINDS, type StorageKind } from './storage-kind.js';

/** The flags both commands that render charts (`run-local`, `sweep`) take. */
export interface SharedRunFlags extends ChartFlags {
  readonly project?: string;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storageDir: string;
}

/**
 * The text flags of {@link SharedRunFlags} checked for blanks after each command's own, `--project` and
 * `--storage` (which each command names in its own order).
 */
export const SHARED_RUN_TEXT_FLAGS = ['chartsApiMode', 'chartsBucket', 'accountsConfigPath', 'templatesDir', 'fixturesDir', 'storageDir'] as const;

/** What both commands resolve from {@link SharedRunFlags}: the rendering settings and where the files are. */
export interface SharedRunSettings extends ChartSettings {
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storage: StorageKind;
  /** With `storage` local: objects are written as `<storageDir>/<bucket>/<object>`. */
  readonly storageDir: string;
}

/**
 * `--storage` (`storageDefault` when absent), then the rendering settings (see {@link resolveChartSettings}),
 * and the directories as given; the first problem is one line naming its flag or variable.
 */
export function resolveSharedRunSettings(flags: SharedRunFlags, env: Env, storageDefault: StorageKind): ConfigResult<SharedRunSettings> {
  const storage = pickChoice('--storage', flags.storage, STORAGE_KINDS, storageDefault);
  if (!storage.ok) return storage;
  const chart = resolveChartSettings(flags, env);
  if (!chart.ok) return chart;
  const { templatesDir, fixturesDir, storageDir } = flags;
  return ok({ ...chart.value, templatesDir, fixturesDir, storage: storage.value, storageDir });
}
