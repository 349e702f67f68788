import type { ChartFlags } from './chart-settings.js';

/** The flags `run-local` and `sweep` both take, beyond {@link ChartFlags}. */
export interface SharedRunFlags extends ChartFlags {
  readonly project?: string;
  readonly templatesDir: string;
  readonly fixturesDir: string;
  readonly storageDir: string;
}

/** The flags `run-local` and `sweep` share, each with its value, in the order a blank one is reported. */
export function sharedRunFlags(flags: SharedRunFlags): readonly (readonly [string, string | undefined])[] {
  return [
    ['--project', flags.project],
    ['--storage', flags.storage],
    ['--charts-api-mode', flags.chartsApiMode],
    ['--charts-bucket', flags.chartsBucket],
    ['--accounts-config-path', flags.accountsConfigPath],
    ['--templates-dir', flags.templatesDir],
    ['--fixtures-dir', flags.fixturesDir],
    ['--storage-dir', flags.storageDir],
  ];
}
