import type { IncomingHttpHeaders } from 'node:http';
import type { EventLog } from '@worker-chart-export/domain';
import { traceFields } from '@worker-chart-export/adapter-logging';
import { classifyFlowRunEvent } from '../events/classify-flow-run-event.js';
import { decodeDocumentEvent } from '../events/decode-document-event.js';
import { isFirestoreEventType } from '../events/firestore-event-types.js';
import { readCloudEvent, type ReceivedEvent } from '../events/read-cloud-event.js';
import type { StepLauncher } from '../steps/step-launcher.js';
import { WORKER_LOG_EVENTS as EVENTS } from '../worker-log-events.js';
import { errorSummary } from './error-summary.js';
import type { HttpReply } from './http-reply.js';

export interface CloudEventContext {
  readonly log: EventLog;
  /** For trace ids; absent: the event's `project` attribute. */
  readonly projectId?: string;
  readonly launcher: Pick<StepLauncher, 'runStep'>;
}

/**
 * `POST /`: one Eventarc delivery. Status policy: Eventarc Standard delivers through a
 * Pub/Sub push subscription, which redelivers every non-2xx answer (4xx included) with backoff for the
 * retention window (24 h). So only a retry-worthy infrastructure failure before the claim answers 5xx;
 * handled outcomes, no-ops, skips, and events that can never be decoded (no retry could fix them)
 * answer 200, the last with one WARNING line.
 */
export async function handleCloudEvent(headers: IncomingHttpHeaders, body: Buffer, ctx: CloudEventContext): Promise<HttpReply> {
  const traceparent = typeof headers['traceparent'] === 'string' ? headers['traceparent'] : undefined;
  const read = readCloudEvent(headers, body);
  if (!read.ok) {
    const log = ctx.log.child(traceFields(traceparent, ctx.projectId ?? ''));
    log.log('WARNING', EVENTS.eventRejected, `ignoring a request that is not a usable CloudEvent: ${read.message}`, { reason: read.message });
    return reply(200, { outcome: 'rejected', reason: read.message });
  }
  const event = read.event;
  const cloudEvent = { id: event.id, type: event.type, source: event.source, ...(event.subject ? { subject: event.subject } : {}) };
  const log = ctx.log.child({ eventId: event.id, ...traceFields(traceparent, ctx.projectId ?? projectOf(event)) });
  // A skipped or rejected delivery costs exactly one line (event.skipped or event.rejected, with the same
  // attributes); one that is run logs event.received and event.parsed before the step's own lines.

  if (!isFirestoreEventType(event.type)) {
    log.log('INFO', EVENTS.eventSkipped, `skipping event type ${event.type}`, { cloudEvent, reason: 'unsupported-type' });
    return reply(200, { outcome: 'skipped', reason: 'unsupported-type' });
  }
  const decoded = decodeDocumentEvent(event);
  if (!decoded.ok) {
    log.log('WARNING', EVENTS.eventRejected, `ignoring event ${event.id}: ${decoded.message}`, { cloudEvent, reason: decoded.message });
    return reply(200, { outcome: 'rejected', reason: decoded.message });
  }
  const verdict = classifyFlowRunEvent(decoded.data);
  if (verdict.action === 'reject') {
    log.log('WARNING', EVENTS.eventRejected, `ignoring event ${event.id}: ${verdict.message}`, { cloudEvent, reason: verdict.message });
    return reply(200, { outcome: 'rejected', reason: verdict.message });
  }
  if (verdict.action === 'skip') {
    const ids = { ...(verdict.runId ? { runId: verdict.runId } : {}), ...(verdict.flowKey ? { flowKey: verdict.flowKey } : {}) };
    log.log('INFO', EVENTS.eventSkipped, verdict.message, { cloudEvent, reason: verdict.reason, ...ids });
    return reply(200, { outcome: 'skipped', reason: verdict.reason, ...ids });
  }

  log.log('INFO', EVENTS.eventReceived, `received ${event.type} ${event.subject ?? ''}`.trim(), { cloudEvent });
  const runLog = log.child({ runId: verdict.runId, ...(verdict.flowKey ? { flowKey: verdict.flowKey } : {}) });
  runLog.log('INFO', EVENTS.eventParsed, `flow_run ${verdict.runId} has READY CHART_EXPORT step(s) ${verdict.readyStepIds.join(', ')}`, {
    cloudEvent,
    readyStepIds: verdict.readyStepIds,
  });
  const launch = await ctx.launcher.runStep(verdict.runId, runLog);
  if (launch.type === 'finished') {
    const { result } = launch;
    const summary =
      result.status === 'NOOP'
        ? { status: result.status, reason: result.reason, runId: result.runId, ...(result.stepId ? { stepId: result.stepId } : {}) }
        : {
            status: result.status,
            runId: result.runId,
            stepId: result.stepId,
            itemsCount: result.itemsCount,
            failuresCount: result.failuresCount,
            ...(result.outputsManifestGcsUri ? { outputsManifestGcsUri: result.outputsManifestGcsUri } : {}),
            ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
          };
    runLog.log('INFO', EVENTS.eventHandled, `event ${event.id} handled: ${result.status}`, { outcome: summary });
    return reply(200, { outcome: 'handled', ...summary });
  }

  const error = errorSummary(launch.error);
  if (!launch.claimed) {
    runLog.log(
      'ERROR',
      EVENTS.eventFailed,
      `flow_run ${verdict.runId} could not be processed before the claim, answering 503 for redelivery: ${error.message}`,
      {
        error,
      },
    );
    return reply(503, { outcome: 'retry', runId: verdict.runId, error });
  }
  runLog.log(
    'ERROR',
    EVENTS.eventFailed,
    `step ${launch.stepId ?? '?'} of flow_run ${verdict.runId} failed after its claim (${error.message}); it stays RUNNING until its lease expires and the sweeper re-drives it`,
    { error, ...(launch.stepId ? { stepId: launch.stepId } : {}) },
  );
  return reply(200, { outcome: 'crashed-after-claim', runId: verdict.runId, ...(launch.stepId ? { stepId: launch.stepId } : {}), error });
}

/** The project from Eventarc's `project` attribute or `//firestore.googleapis.com/projects/<p>/...` source. */
function projectOf(event: ReceivedEvent): string {
  const attribute = event.extensions['project'];
  if (typeof attribute === 'string' && attribute !== '') return attribute;
  return /\/projects\/([^/]+)/.exec(event.source)?.[1] ?? '';
}

function reply(status: number, body: Record<string, unknown>): HttpReply {
  return { status, body };
}
