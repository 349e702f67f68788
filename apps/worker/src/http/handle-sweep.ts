import type { EventLog, SweepReport } from '@worker-chart-export/domain';
import type { StepLauncher } from '../steps/step-launcher.js';
import { WORKER_LOG_EVENTS as EVENTS } from '../worker-log-events.js';
import { errorSummary } from './error-summary.js';
import type { HttpReply } from './http-reply.js';

export interface SweepContext {
  readonly log: EventLog;
  readonly launcher: Pick<StepLauncher, 'sweep'>;
}

/**
 * `POST /sweep`, called by Cloud Scheduler: settles CHART_EXPORT steps whose lease expired and answers
 * the sweep report. It re-drives steps (spending quota), so it must not be public: deploy the service
 * with `--no-allow-unauthenticated` and give only the scheduler's service account `roles/run.invoker`
 * (OIDC token). 500 when the leases cannot be listed, so the scheduler's retry policy applies.
 */
export async function handleSweep(ctx: SweepContext): Promise<HttpReply> {
  const log = ctx.log.child({ sweep: true });
  let report: SweepReport;
  try {
    report = await ctx.launcher.sweep(log);
  } catch (cause) {
    const error = errorSummary(cause);
    log.log('ERROR', EVENTS.sweepError, `sweep failed: ${error.message}`, { error });
    return { status: 500, body: { error } };
  }
  const counts: Record<string, number> = {};
  for (const action of report.actions) counts[action.action] = (counts[action.action] ?? 0) + 1;
  log.log(report.actions.some((a) => a.action === 'error') ? 'WARNING' : 'INFO', EVENTS.sweepFinished, `sweep examined ${report.examined} expired lease(s)`, {
    examined: report.examined,
    actions: counts,
  });
  return { status: 200, body: { ...report } };
}
