/** The embedded default of `run-local` (docs/design.md#the-embedded-default), relative to the working directory. */
export const RUN_LOCAL_DEFAULTS = {
  chartsApiMode: 'mock',
  chartsBucket: 'gs://charts-local',
  outputSummary: 'none',
  templatesDir: 'chart-templates',
  fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
  /** Example OHLCV files the local renderer draws from when the step's own file is not in the storage dir. */
  ohlcvDir: 'fixtures/ohlcv',
  storageDir: '.charts-out',
  defaultTimezone: 'Etc/UTC',
  env: 'local',
  logLevel: 'info',
} as const;
