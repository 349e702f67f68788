/** The embedded default of `run-local` (DECISIONS D8), relative to the working directory. */
export const RUN_LOCAL_DEFAULTS = {
  chartsApiMode: 'mock',
  chartsBucket: 'gs://charts-local',
  outputSummary: 'none',
  templatesDir: 'chart-templates',
  fixturesDir: 'fixtures/chart-api/chart-img/advanced-chart-v2',
  storageDir: '.charts-out',
  defaultTimezone: 'Etc/UTC',
  env: 'local',
  logLevel: 'info',
} as const;
