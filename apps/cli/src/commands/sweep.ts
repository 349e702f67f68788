import { SweepStaleSteps } from '@worker-chart-export/domain';
import { writeLine, type CliIo } from '../cli-io.js';
import { describeFirestoreTarget } from '../config/resolve-firestore-target.js';
import { resolveSweepConfig } from '../config/resolve-sweep-config.js';
import type { SweepConfig, SweepFlags } from '../config/sweep-config.js';
import { buildSweepContainer } from '../container.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { runChartCommand, type ChartCommandSession } from './chart-command-session.js';
import { CLI_EVENTS } from './cli-events.js';

/**
 * `sweep`: one pass of `SweepStaleSteps` over the expired leases in Firestore (re-drive RUNNING steps,
 * bounded by `--max-attempts`, then FAILED with STEP_LEASE_EXHAUSTED; run steps still READY; drop leases
 * of finished steps). Prints the report as one JSON line on stdout; logs are JSON lines on stderr.
 * Exit 0 when every lease was settled, 1 when one could not be (or the leases could not be listed),
 * 2 for a usage or configuration error.
 */
export function sweep(flags: SweepFlags, io: CliIo): Promise<number> {
  return runChartCommand(flags, io, {
    command: 'sweep',
    owner: 'cli-sweep',
    resolveConfig: resolveSweepConfig,
    logCrash: (log, text, message) => log.log('ERROR', CLI_EVENTS.sweepCrashed, text, { mode: 'local', error: { message } }),
    run: sweepOnce,
  });
}

/**
 * One sweep with the session open: prints the report and returns the exit code. The report and the messages
 * may carry provider text or ids from Firestore: the session's redactor removes every configured key from them.
 */
async function sweepOnce(config: SweepConfig, session: ChartCommandSession, io: CliIo): Promise<number> {
  const { log, redactor } = session;
  const container = await session.compose(() => buildSweepContainer(config, session));
  const sweeper = container.get(SweepStaleSteps);
  log.log('INFO', CLI_EVENTS.sweepStarted, `sweep of ${describeFirestoreTarget(config.firestore)} (charts API ${config.chartsApiMode})`, {
    mode: 'local',
    chartsApi: { mode: config.chartsApiMode },
    firestore: describeFirestoreTarget(config.firestore),
    maxAttempts: config.maxAttempts,
    batchSize: config.batchSize,
    storage: config.storage,
    bucket: config.bucket,
  });
  const report = await sweeper.sweep();
  const unsettled = report.actions.filter((action) => action.action === 'error').length;
  log.log(unsettled === 0 ? 'INFO' : 'WARNING', CLI_EVENTS.sweepFinished, `sweep examined ${report.examined} expired lease(s), ${unsettled} unsettled`, {
    mode: 'local',
    examined: report.examined,
    unsettled,
  });
  await log.flush();
  await writeLine(io.stdout, JSON.stringify(redactor.redactDeep(report)));
  return unsettled === 0 ? EXIT_CODES.succeeded : EXIT_CODES.failed;
}
