import type { EventLog, SweepReport } from '@worker-chart-export/domain';
import type { StepLauncher } from '../steps/step-launcher.js';
import { WORKER_LOG_EVENTS as EVENTS } from '../worker-log-events.js';
import { errorSummary } from './error-summary.js';
import type { HttpReply } from './http-reply.js';

/**
 * The time one `POST /sweep` may take: Cloud Run cuts a request off at its timeout (600 s as deployed), and
 * the service has CPU only while a request runs, so the sweep must end well before it, answer included.
 */
export const SWEEP_REQUEST_BUDGET_MS = 540_000;

export interface SweepContext {
  readonly log: EventLog;
  readonly launcher: Pick<StepLauncher, 'sweep'>;
  /** Overrides {@link SWEEP_REQUEST_BUDGET_MS}. */
  readonly sweepBudgetMs?: number;
}

/**
 * `POST /sweep`, called by Cloud Scheduler: settles CHART_EXPORT steps whose lease expired and answers
 * the sweep report. The sweep gets the request's budget: re-drives that could not end within it are left
 * for the next call. It re-drives steps (spending quota), so it must not be public: deploy the service
 * with `--no-allow-unauthenticated` and give only the scheduler's service account `roles/run.invoker`
 * (OIDC token). 500 when the leases cannot be listed; the job does not retry: the next scheduled sweep does.
 */
export async function handleSweep(ctx: SweepContext): Promise<HttpReply> {
  const log = ctx.log.child({ sweep: true });
  let report: SweepReport;
  try {
    report = await ctx.launcher.sweep(log, { budgetMs: ctx.sweepBudgetMs ?? SWEEP_REQUEST_BUDGET_MS });
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
