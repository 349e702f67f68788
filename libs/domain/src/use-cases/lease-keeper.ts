import type { ChartExportUsage } from '../contracts/flow-run.schema.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { LeaseFence, StepLeaseStore, StoredRender } from '../ports/step-lease-store.js';
import { startTimer } from './clock-timer.js';
import { errorMessageOf } from './error-message-of.js';
import { LOG_EVENTS } from './log-events.js';

export interface LeaseKeeperDeps {
  readonly leases: StepLeaseStore;
  readonly clock: Clock;
  readonly log: EventLog;
}

/**
 * One execution's hold on its step's lease: a heartbeat renews it every third of its TTL while the step works,
 * bookkeeping (stored PNGs, this attempt's call counts) is written to it one write at a time, and every write
 * is fenced by owner and attempt. Once a renewal or a write finds the lease gone or another execution's, the
 * execution has lost the step: `lost` turns true and it must write no manifest and no finalize.
 */
export class LeaseKeeper {
  private isLost = false;
  private stopHeartbeat: (() => void) | undefined;
  private pendingRenders: StoredRender[] = [];
  private pendingUsage: ChartExportUsage | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly deps: LeaseKeeperDeps,
    private readonly runId: string,
    private readonly stepId: string,
    readonly fence: LeaseFence,
    private readonly ttlMs: number,
  ) {}

  get lost(): boolean {
    return this.isLost;
  }

  startHeartbeat(): void {
    const beat = (): void => {
      this.stopHeartbeat = startTimer(this.deps.clock, Math.max(1, Math.floor(this.ttlMs / 3)), () => {
        void this.renew().then(() => {
          if (this.stopHeartbeat !== undefined && !this.isLost) beat();
        });
      });
    };
    beat();
  }

  stop(): void {
    this.stopHeartbeat?.();
    this.stopHeartbeat = undefined;
  }

  /** Notes a PNG stored by this execution (after its upload: the store itself is the record that counts). */
  noteRender(render: StoredRender): Promise<void> {
    this.pendingRenders.push(render);
    return this.flush();
  }

  /** Notes this attempt's call counts so far (the latest snapshot replaces the earlier ones). */
  noteUsage(usage: ChartExportUsage): void {
    this.pendingUsage = usage;
    void this.flush();
  }

  /** Resolves once everything noted so far is written (or given up on, with a WARNING). */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.pendingRenders.length === 0 && this.pendingUsage === undefined) return;
    const renders = this.pendingRenders;
    const usage = this.pendingUsage;
    this.pendingRenders = [];
    this.pendingUsage = undefined;
    this.writing = this.write(renders, usage).finally(() => {
      this.writing = undefined;
    });
    await this.writing;
    if (this.pendingRenders.length > 0 || this.pendingUsage !== undefined) await this.flush();
  }

  /** Reads the lease: true while it is still this execution's (checked right before the manifest is written). */
  async confirm(): Promise<boolean> {
    if (this.isLost) return false;
    try {
      const lease = await this.deps.leases.get(this.runId, this.stepId);
      if (lease?.owner === this.fence.owner && lease.attempt === this.fence.attempt) return true;
      this.markLost(lease === undefined ? 'the lease is gone' : `the lease is now ${lease.owner}'s, attempt ${lease.attempt}`);
      return false;
    } catch (cause) {
      // Unknown is not lost: the finalize is fenced again where it is written.
      this.deps.log.log('WARNING', LOG_EVENTS.leaseCheckFailed, `could not read the lease of ${this.stepId}: ${errorMessageOf(cause)}`);
      return true;
    }
  }

  /** Drops the lease if it is still this execution's (the step is terminal, or the claim failed). */
  async release(): Promise<void> {
    this.stop();
    try {
      await this.deps.leases.release(this.runId, this.stepId, this.fence);
    } catch (cause) {
      this.deps.log.log(
        'WARNING',
        LOG_EVENTS.leaseReleaseFailed,
        `could not release the lease of ${this.stepId}: ${errorMessageOf(cause)}; it expires on its own`,
      );
    }
  }

  markLost(why: string): void {
    if (this.isLost) return;
    this.isLost = true;
    this.stop();
    this.deps.log.log(
      'WARNING',
      LOG_EVENTS.leaseLost,
      `step ${this.stepId} lost its lease (attempt ${this.fence.attempt}): ${why}; stopping without manifest or finalize`,
      {
        attempt: this.fence.attempt,
      },
    );
  }

  private async renew(): Promise<void> {
    if (this.isLost) return;
    try {
      const renewed = await this.deps.leases.renew(this.runId, this.stepId, this.fence, this.ttlMs);
      if (renewed.type === 'lost') this.markLost('another execution holds it now');
    } catch (cause) {
      // A failed renewal is retried at the next beat; the lease outlives a few of them.
      this.deps.log.log('WARNING', LOG_EVENTS.leaseRenewFailed, `could not renew the lease of ${this.stepId}: ${errorMessageOf(cause)}`);
    }
  }

  private async write(renders: StoredRender[], usage: ChartExportUsage | undefined): Promise<void> {
    if (this.isLost) return;
    try {
      const written = await this.deps.leases.record(this.runId, this.stepId, this.fence, {
        ...(renders.length > 0 ? { renders } : {}),
        ...(usage === undefined ? {} : { usage }),
      });
      if (written.type === 'lost') this.markLost('another execution holds it now');
    } catch (cause) {
      // The PNGs are in the store, where a later attempt finds them anyway; usage is rewritten whole next time.
      this.deps.log.log(
        'WARNING',
        LOG_EVENTS.leaseRecordFailed,
        `could not note ${renders.length} PNG(s) and the call counts in the lease of ${this.stepId}: ${errorMessageOf(cause)}`,
        {
          gcs_objects: renders.map((render) => render.objectPath),
        },
      );
    }
  }
}
