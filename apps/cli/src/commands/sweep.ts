import { hostname } from 'node:os';
import { SweepStaleSteps } from '@worker-chart-export/domain';
import type { Container } from 'inversify';
import { writeLine, type CliIo } from '../cli-io.js';
import { describeFirestoreTarget } from '../config/resolve-firestore-target.js';
import { resolveSweepConfig } from '../config/resolve-sweep-config.js';
import type { SweepFlags } from '../config/sweep-config.js';
import { buildSweepContainer } from '../container.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { required } from '../usage-error.js';
import { composeOrFail, endChartCommand, openChartCommandSession, type ChartCommandSession } from './chart-command-session.js';

/** The log events of `sweep` itself (the sweeper's are the domain's LOG_EVENTS). */
export const SWEEP_EVENTS = {
  started: 'cli.sweep.started',
  finished: 'cli.sweep.finished',
  crashed: 'cli.sweep.crashed',
} as const;

/**
 * `sweep`: one pass of `SweepStaleSteps` over the expired leases in Firestore (re-drive RUNNING steps,
 * bounded by `--max-attempts`, then FAILED with STEP_LEASE_EXHAUSTED; run steps still READY; drop leases
 * of finished steps). Prints the report as one JSON line on stdout; logs are JSON lines on stderr.
 * Exit 0 when every lease was settled, 1 when one could not be (or the leases could not be listed),
 * 2 for a usage or configuration error.
 */
export async function sweep(flags: SweepFlags, io: CliIo): Promise<number> {
  let session: ChartCommandSession | undefined;
  let container: Container | undefined;
  try {
    const config = required(resolveSweepConfig(flags, io.env));
    // The report and the messages may carry provider text or ids from Firestore: the session's redactor
    // removes every configured key from them.
    session = await openChartCommandSession(config, io);
    const { accounts, log, redactor } = session;
    const runtime = { log, accounts, owner: `cli-sweep@${hostname()}:${process.pid}` };
    container = await composeOrFail(() => buildSweepContainer(config, runtime));
    const sweeper = container.get(SweepStaleSteps);
    log.log('INFO', SWEEP_EVENTS.started, `sweep of ${describeFirestoreTarget(config.firestore)} (charts API ${config.chartsApiMode})`, {
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
    log.log(unsettled === 0 ? 'INFO' : 'WARNING', SWEEP_EVENTS.finished, `sweep examined ${report.examined} expired lease(s), ${unsettled} unsettled`, {
      mode: 'local',
      examined: report.examined,
      unsettled,
    });
    await log.flush();
    await writeLine(io.stdout, JSON.stringify(redactor.redactDeep(report)));
    return unsettled === 0 ? EXIT_CODES.succeeded : EXIT_CODES.failed;
  } catch (error) {
    return await endChartCommand(
      error,
      session,
      {
        command: 'sweep',
        logCrash: (log, text, message) => log.log('ERROR', SWEEP_EVENTS.crashed, text, { mode: 'local', error: { message } }),
      },
      io,
    );
  } finally {
    await container?.unbindAll();
  }
}
