import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { EventLog } from '@worker-chart-export/domain';
import type { WorkerConfig } from './config/worker-config.js';
import { WorkerServer, type ShutdownReport } from './http/worker-server.js';
import type { StepLauncher } from './steps/step-launcher.js';
import { WORKER_LOG_EVENTS as EVENTS } from './worker-log-events.js';

/** Where termination signals come from (the process, or an emitter in tests). */
export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  off(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

export interface RunWorkerOptions {
  readonly config: Pick<WorkerConfig, 'port' | 'host' | 'shutdownGraceMs' | 'chartsApiMode' | 'env'> &
    Partial<Pick<WorkerConfig, 'bucket' | 'storage' | 'templates'>> & { readonly projectId?: string };
  readonly log: EventLog & { flush?: () => Promise<void> };
  readonly launcher: Pick<StepLauncher, 'runStep' | 'sweep'>;
  readonly signals: SignalSource;
  /** Releases what the composition holds (Firestore client ...), after the server has drained. */
  readonly release?: () => Promise<void>;
  /** Called once stopped; `process.exit` in production. */
  readonly exit?: (code: number) => void;
  /** Milliseconds since the process started (`process.uptime()`), logged as the start-up time once listening. */
  readonly uptimeMs?: () => number;
}

export interface RunningWorker {
  readonly address: AddressInfo;
  readonly server: WorkerServer;
  /** Drains and stops (what SIGTERM does). */
  stop(reason: string): Promise<ShutdownReport>;
}

/**
 * Starts the HTTP service and wires graceful shutdown: on SIGTERM (Cloud Run sends it 10 s before
 * SIGKILL) or SIGINT, stop taking events, let running steps finish within `shutdownGraceMs`, release
 * the clients, flush the log and exit 0. A step cut off stays RUNNING under its lease. The handlers are
 * removed once shutdown starts, so a second signal gets Node's default (immediate exit).
 */
export async function runWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const { config, log } = options;
  const server = new WorkerServer({ log, launcher: options.launcher, ...(config.projectId ? { projectId: config.projectId } : {}) });
  const address = await server.listen(config.port, config.host);
  const startupMs = options.uptimeMs === undefined ? undefined : Math.round(options.uptimeMs());
  log.log('INFO', EVENTS.started, `worker listening on ${address.address}:${address.port} (${describeSetup(config)})`, {
    port: address.port,
    chartsApi: { mode: config.chartsApiMode },
    ...(startupMs === undefined ? {} : { startup_ms: startupMs }),
  });

  let stopping: Promise<ShutdownReport> | undefined;
  const stop = (reason: string): Promise<ShutdownReport> => {
    stopping ??= (async () => {
      options.signals.off('SIGTERM', onSigterm);
      options.signals.off('SIGINT', onSigint);
      log.log('INFO', EVENTS.stopping, `${reason}: draining ${server.inFlightCount} request(s) for up to ${config.shutdownGraceMs} ms`, {
        inFlight: server.inFlightCount,
      });
      const report = await server.shutdown(config.shutdownGraceMs);
      await options.release?.();
      log.log(
        report.drained ? 'INFO' : 'WARNING',
        EVENTS.stopped,
        report.drained ? 'worker stopped' : `worker stopped; ${report.abandoned} request(s) cut off, left to their leases`,
        {
          ...report,
        },
      );
      await log.flush?.();
      options.exit?.(0);
      return report;
    })();
    return stopping;
  };
  const onSigterm = (): void => void stop('SIGTERM');
  const onSigint = (): void => void stop('SIGINT');
  options.signals.once('SIGTERM', onSigterm);
  options.signals.once('SIGINT', onSigint);
  return { address, server, stop };
}

/** The start line's summary: the mode, and where blobs and templates come from when they are local files. */
function describeSetup(config: RunWorkerOptions['config']): string {
  const parts = [`CHARTS_API_MODE=${config.chartsApiMode}`, `ENV=${config.env}`];
  if (config.storage?.kind === 'local') parts.push(`PNGs and manifests under ${join(config.storage.dir, config.bucket ?? '')}`);
  if (config.templates?.from === 'files') parts.push(`templates from ${config.templates.dir}`);
  return parts.join(', ');
}
