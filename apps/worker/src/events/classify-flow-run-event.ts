import type { DocumentEvent } from './decode-document-event.js';
import { fieldsToJson } from './firestore-value.js';

const DOCUMENT_NAME = /^projects\/[^/]+\/databases\/[^/]+\/documents\/(.+)$/;
const FLOW_RUNS = 'flow_runs';

export type SkipReason = 'other-collection' | 'document-deleted' | 'no-ready-chart-export-step';

/** What to do with a decoded Firestore event, decided from the event alone (no Firestore read). */
export type FlowRunEventVerdict =
  | { readonly action: 'run'; readonly runId: string; readonly flowKey?: string; readonly readyStepIds: readonly string[] }
  | { readonly action: 'skip'; readonly reason: SkipReason; readonly message: string; readonly runId?: string; readonly flowKey?: string }
  | { readonly action: 'reject'; readonly message: string };

/**
 * The fast filter (docs/design.md#worker-status-policy): an event for `flow_runs/{runId}` whose new value holds a READY
 * CHART_EXPORT step is worth a run; anything else is skipped without touching Firestore. The run
 * itself reads the document fresh, so a stale event can only cause a no-op, never a wrong write.
 */
export function classifyFlowRunEvent(event: DocumentEvent): FlowRunEventVerdict {
  const name = event.value?.name ?? event.oldValue?.name ?? '';
  const path = DOCUMENT_NAME.exec(name)?.[1]?.split('/');
  if (path === undefined) return { action: 'reject', message: `document name ${JSON.stringify(name)} is not a Firestore document path` };
  if (path.length !== 2 || path[0] !== FLOW_RUNS || path[1] === '') {
    return { action: 'skip', reason: 'other-collection', message: `document ${path.join('/')} is not in ${FLOW_RUNS}/{runId}` };
  }
  const runId = path[1] as string;
  if (event.value === undefined) {
    return { action: 'skip', reason: 'document-deleted', message: `flow_run ${runId} was deleted`, runId };
  }
  let document: Record<string, unknown>;
  try {
    document = fieldsToJson(event.value.fields);
  } catch (error) {
    return { action: 'reject', message: `flow_run ${runId}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const flowKey = typeof document['flowKey'] === 'string' ? document['flowKey'] : undefined;
  const withFlowKey = flowKey === undefined ? {} : { flowKey };
  const readyStepIds = readyChartExportSteps(document['steps']);
  if (readyStepIds.length === 0) {
    return { action: 'skip', reason: 'no-ready-chart-export-step', message: `flow_run ${runId} holds no READY CHART_EXPORT step`, runId, ...withFlowKey };
  }
  return { action: 'run', runId, ...withFlowKey, readyStepIds };
}

function readyChartExportSteps(steps: unknown): string[] {
  if (typeof steps !== 'object' || steps === null || Array.isArray(steps)) return [];
  return Object.entries(steps)
    .filter(([, step]) => {
      const s = step as Record<string, unknown> | null;
      return s !== null && typeof s === 'object' && s['stepType'] === 'CHART_EXPORT' && s['status'] === 'READY';
    })
    .map(([stepId]) => stepId)
    .sort();
}
