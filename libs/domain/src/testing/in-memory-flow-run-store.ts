import type { FlowRunStore, ClaimResult, FinalizeResult, StepFinalization } from '../ports/flow-run-store.js';
import type { LeaseFence, StepLeaseStore } from '../ports/step-lease-store.js';
import { STEP_STATUSES, type StepStatus } from '../contracts/flow-run.schema.js';

type Doc = Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** FlowRunStore over plain objects; counts writes so tests can assert "one write". */
export class InMemoryFlowRunStore implements FlowRunStore {
  readonly docs = new Map<string, Doc>();
  writes = 0;
  private leases: Pick<StepLeaseStore, 'get'> | undefined;

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
    const step = this.stepOf(runId, stepId);
    if (step?.['status'] !== 'READY') return { type: 'not-ready', status: statusOf(step) };
    step['status'] = 'RUNNING';
    this.touch(runId, at);
    return { type: 'claimed' };
  }

  /**
   * Checks finalize's fence against `leases` from now on, as a store shared between processes does (a test of a
   * decorator proves it passes the fence on). Without it the fence is passed over, as the port allows a store whose
   * leases live in the one process that uses it.
   */
  checkFencesWith(leases: Pick<StepLeaseStore, 'get'>): this {
    this.leases = leases;
    return this;
  }

  async finalize(runId: string, stepId: string, result: StepFinalization, fence?: LeaseFence): Promise<FinalizeResult> {
    if (fence !== undefined && this.leases !== undefined) {
      const lease = await this.leases.get(runId, stepId);
      if (lease?.owner !== fence.owner || lease.attempt !== fence.attempt) return { type: 'fenced' };
    }
    const step = this.stepOf(runId, stepId);
    if (step?.['status'] !== 'RUNNING') return { type: 'unchanged', status: statusOf(step) };
    step['status'] = result.status;
    step['finishedAt'] = iso(result.finishedAt);
    step['outputs'] = { ...(step['outputs'] as object), ...structuredClone(result.outputs) };
    if (result.error) step['error'] = structuredClone(result.error);
    else delete step['error'];
    this.touch(runId, result.finishedAt);
    return { type: 'written' };
  }

  step(runId: string, stepId: string): Record<string, unknown> | undefined {
    return this.docs.get(runId)?.steps?.[stepId];
  }

  private stepOf(runId: string, stepId: string): Record<string, unknown> | undefined {
    const steps = this.docs.get(runId)?.steps;
    return steps !== undefined && Object.hasOwn(steps, stepId) ? steps[stepId] : undefined;
  }

  private touch(runId: string, at: Date): void {
    const doc = this.docs.get(runId);
    if (doc) doc['updatedAt'] = iso(at);
    this.writes += 1;
  }
}

function statusOf(step: Record<string, unknown> | undefined): StepStatus | undefined {
  const status = step?.['status'];
  return (STEP_STATUSES as readonly unknown[]).includes(status) ? (status as StepStatus) : undefined;
}
