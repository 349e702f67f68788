// node:http rather than a framework: the service has three routes (POST /, POST /sweep, GET /healthz),
// JSON answers and one body to read, so a router would add a dependency and nothing else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventLog } from '@worker-chart-export/domain';
import type { StepLauncher } from '../steps/step-launcher.js';
import { WORKER_LOG_EVENTS as EVENTS } from '../worker-log-events.js';
import { errorSummary } from './error-summary.js';
import { handleCloudEvent } from './handle-cloud-event.js';
import { handleSweep } from './handle-sweep.js';
import type { HttpReply } from './http-reply.js';

/** Firestore documents are at most 1 MiB and an event carries two of them. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** A client that has not sent its whole header block by then gets 408 and loses the connection. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/**
 * The same for the whole request, body included (Eventarc sends at most a few MiB from Google's network).
 * Only receiving is bounded: a step may then run for minutes before the answer.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** How often Node looks for connections past those timeouts (its default, 30 s, would stretch them). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export interface WorkerServerOptions {
  readonly log: EventLog;
  readonly launcher: Pick<StepLauncher, 'runStep' | 'sweep'>;
  readonly projectId?: string;
  readonly maxBodyBytes?: number;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

export interface ShutdownReport {
  /** true when every request in flight finished within the grace period. */
  readonly drained: boolean;
  /** Requests still running when the grace period ended. */
  readonly abandoned: number;
}

const ROUTES = new Map([
  ['/', 'POST'],
  ['/sweep', 'POST'],
  ['/healthz', 'GET'],
]);

/**
 * The worker's HTTP service. While draining (after {@link shutdown} starts) it refuses new work with
 * 503, which Eventarc redelivers to another instance, and `/healthz` answers 503.
 */
export class WorkerServer {
  private readonly server: Server;
  private readonly inFlight = new Set<Promise<void>>();
  private draining = false;

  constructor(private readonly options: WorkerServerOptions) {
    // Bounds against slow clients holding connections open (slowloris): Node answers 408 and closes.
    this.server = createServer(
      {
        headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
        requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      },
      (req, res) => this.track(this.route(req, res)),
    );
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections, lets requests in flight finish for up to `graceMs`, then closes every
   * connection. A step cut off stays RUNNING under its lease, which the sweeper recovers.
   */
  async shutdown(graceMs: number): Promise<ShutdownReport> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]).then(() => 'drained' as const), timedOut]);
    clearTimeout(timer);
    const abandoned = outcome === 'drained' ? 0 : this.inFlight.size;
    this.server.closeAllConnections();
    await closed;
    return { drained: outcome === 'drained', abandoned };
  }

  private refuse(path: string): HttpReply {
    this.options.log.log('WARNING', EVENTS.eventRefused, `refusing POST ${path} while shutting down`, { path });
    return { status: 503, body: { error: 'shutting down' } };
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      const method = ROUTES.get(path);
      if (method === undefined) return send(res, { status: 404, body: { error: `no route ${path}` } });
      if (req.method !== method) {
        res.setHeader('allow', method);
        return send(res, { status: 405, body: { error: `${path} accepts ${method} only` } });
      }
      if (path === '/healthz') return send(res, this.draining ? { status: 503, body: { status: 'draining' } } : { status: 200, body: { status: 'ok' } });
      if (path === '/sweep') {
        req.resume();
        return send(res, this.draining ? this.refuse(path) : await handleSweep(this.options));
      }
      const body = await readBody(req, this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      // Checked once the body is in: nothing has been claimed yet, so Eventarc can redeliver elsewhere.
      if (this.draining) return send(res, this.refuse(path));
      if (body === undefined) {
        const reason = `request body exceeds ${this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`;
        this.options.log.log('WARNING', EVENTS.eventRejected, `ignoring an event: ${reason}`, { reason });
        return send(res, { status: 200, body: { outcome: 'rejected', reason } }, true);
      }
      return send(res, await handleCloudEvent(req.headers, body, this.options));
    } catch (cause) {
      const error = errorSummary(cause);
      this.options.log.log('ERROR', EVENTS.httpError, `${req.method} ${path} failed: ${error.message}`, { error, path });
      return send(res, { status: 500, body: { error } });
    }
  }
}

/** The whole body, or undefined when it is larger than `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

// `connection: close` after an oversized body: the unread rest is dropped with the socket.
function send(res: ServerResponse, reply: HttpReply, closeConnection = false): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  if (closeConnection) res.setHeader('connection', 'close');
  res.end(payload);
}
