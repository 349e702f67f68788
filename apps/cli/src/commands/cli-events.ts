/** The CLI's own log events (the use case's and the sweeper's are the domain's LOG_EVENTS). */
export const CLI_EVENTS = {
  runLocalStarted: 'cli.run_local.started',
  runLocalFinished: 'cli.run_local.finished',
  runLocalCrashed: 'cli.run_local.crashed',
  sweepStarted: 'cli.sweep.started',
  sweepFinished: 'cli.sweep.finished',
  sweepCrashed: 'cli.sweep.crashed',
} as const;
