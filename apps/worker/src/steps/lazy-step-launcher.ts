import type { EventLog, SweepReport } from '@worker-chart-export/domain';
import type { StepLaunch, StepLauncher } from './step-launcher.js';

/** What loading the composition yields: the launcher, and how to release the clients behind it. */
export interface LoadedLauncher {
  readonly launcher: Pick<StepLauncher, 'runStep' | 'sweep'>;
  readonly release: () => Promise<void>;
}

/**
 * A {@link StepLauncher} whose composition (the Firestore and GCS SDKs, about a second of module loading
 * on a small instance) is loaded on first use or by {@link warmUp}, so the HTTP server can listen and
 * answer `/healthz` first. Events the fast filter skips never need it. The load runs once; every caller
 * waits for the same one.
 */
export class LazyStepLauncher implements Pick<StepLauncher, 'runStep' | 'sweep'> {
  private loading: Promise<LoadedLauncher> | undefined;

  constructor(private readonly load: () => Promise<LoadedLauncher>) {}

  /** Starts loading (once) and resolves when the launcher is ready; rejects when the composition failed. */
  async warmUp(): Promise<void> {
    await this.loaded();
  }

  /** Whether loading has started. */
  get started(): boolean {
    return this.loading !== undefined;
  }

  /** A composition that cannot load is a failure before any claim: `crashed`, not claimed (HTTP 503, redelivery). */
  async runStep(runId: string, log: EventLog): Promise<StepLaunch> {
    let launcher: LoadedLauncher['launcher'];
    try {
      launcher = (await this.loaded()).launcher;
    } catch (error) {
      return { type: 'crashed', error, claimed: false };
    }
    return launcher.runStep(runId, log);
  }

  async sweep(log: EventLog): Promise<SweepReport> {
    return (await this.loaded()).launcher.sweep(log);
  }

  /** Releases the clients if the composition was loaded (waiting for a load in progress); loads nothing. */
  async release(): Promise<void> {
    if (this.loading === undefined) return;
    let loaded: LoadedLauncher;
    try {
      loaded = await this.loading;
    } catch {
      return;
    }
    await loaded.release();
  }

  private loaded(): Promise<LoadedLauncher> {
    // Through an async function so a load that throws at once is a rejection too.
    this.loading ??= (async () => this.load())();
    return this.loading;
  }
}
