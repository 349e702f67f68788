import type { FlowRunStore, ClaimResult, FinalizeResult, StepFinalization } from '../ports/flow-run-store.js';
import type { StepStatus } from '../contracts/flow-run.schema.js';

type Doc = Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** FlowRunStore over plain objects; counts writes so tests can assert "one write". */
export class InMemoryFlowRunStore implements FlowRunStore {
  readonly docs = new Map<string, Doc>();
  writes = 0;

  constructor(...docs: unknown[]) {
    for (const doc of docs) this.put(doc);
  }

  put(doc: unknown): void {
    const copy = structuredClone(doc) as Doc;
    this.docs.set(String(copy['runId']), copy);
  }

  async load(runId: string): Promise<unknown> {
    const doc = this.docs.get(runId);
    return doc === undefined ? undefined : structuredClone(doc);
  }

  async claim(runId: string, stepId: string, at: Date): Promise<ClaimResult> {
    const step = this.docs.get(runId)?.steps?.[stepId];
    if (step?.['status'] !== 'READY') return { type: 'not-ready', status: step?.['status'] as StepStatus | undefined };
    step['status'] = 'RUNNING';
    this.touch(runId, at);
    return { type: 'claimed' };
  }

  async finalize(runId: string, stepId: string, result: StepFinalization): Promise<FinalizeResult> {
    const step = this.docs.get(runId)?.steps?.[stepId];
    if (step?.['status'] !== 'RUNNING') return { type: 'unchanged', status: step?.['status'] as StepStatus | undefined };
    step['status'] = result.status;
    step['finishedAt'] = iso(result.finishedAt);
    step['outputs'] = { ...(step['outputs'] as object), ...result.outputs };
    if (result.error) step['error'] = result.error;
    else delete step['error'];
    this.touch(runId, result.finishedAt);
    return { type: 'written' };
  }

  step(runId: string, stepId: string): Record<string, unknown> | undefined {
    return this.docs.get(runId)?.steps?.[stepId];
  }

  private touch(runId: string, at: Date): void {
    const doc = this.docs.get(runId);
    if (doc) doc['updatedAt'] = iso(at);
    this.writes += 1;
  }
}
