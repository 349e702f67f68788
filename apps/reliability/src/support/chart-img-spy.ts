import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Chart-IMG request as the spy saw it, tied to the chart template it renders. */
export interface SpiedCall {
  /** `BINANCE:BTCUSDT`: tells scenarios apart (each uses its own symbol). */
  readonly symbol: string | undefined;
  /** Recognised from the body's studies; undefined for a body of no known template. */
  readonly chartTemplateId: string | undefined;
  /** 1-based position among the calls of the same symbol. */
  readonly ordinal: number;
  /** The answer passed back, `dropped` when the spy reset it, `aborted` when the client gave up first. */
  status: number | 'dropped' | 'aborted';
}

/** What to do with a call: pass it to the fake Chart-IMG, or reset the connection without forwarding. */
export type SpyVerdict = 'forward' | 'drop';

export type SpyHook = (call: SpiedCall) => SpyVerdict | Promise<SpyVerdict>;

export interface ChartImgSpy {
  /** Use as `CHART_IMG_BASE_URL`. */
  readonly url: string;
  readonly calls: readonly SpiedCall[];
  /**
   * Decides each later call before it is forwarded. The hook runs as soon as the request is read (a
   * SIGKILL it sends lands before the worker can see any answer); a promise holds the call until it settles.
   */
  onCall(hook: SpyHook | undefined): void;
  /** Calls answered 200 (a rendered PNG) per chartTemplateId, for one symbol. */
  successesByTemplate(symbol: string): Record<string, number>;
  callsFor(symbol: string): readonly SpiedCall[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP front for the fake Chart-IMG that records which template each call renders (the
 * fake's own log only counts studies) and lets a test act on one exact call, e.g. kill the worker
 * process while its k-th call is in flight. `templates` maps a fingerprint of each template's
 * `request.studies` to its id.
 */
export async function startChartImgSpy(p: { target: string; templates: ReadonlyArray<{ id: string; request: { studies?: unknown } }> }): Promise<ChartImgSpy> {
  const byFingerprint = new Map(p.templates.map((t) => [studiesFingerprint(t.request.studies), t.id]));
  const calls: SpiedCall[] = [];
  let hook: SpyHook | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      // forwarded as is: the fake answers 400
    }
    const symbol = typeof body['symbol'] === 'string' ? body['symbol'] : undefined;
    const call: SpiedCall = {
      symbol,
      chartTemplateId: byFingerprint.get(studiesFingerprint(body['studies'])),
      ordinal: calls.filter((c) => c.symbol === symbol).length + 1,
      status: 'aborted',
    };
    calls.push(call);
    if ((await (hook?.(call) ?? 'forward')) === 'drop') {
      call.status = 'dropped';
      request.socket.destroy();
      return;
    }
    const aborter = new AbortController();
    response.on('close', () => aborter.abort());
    let upstream: Response;
    try {
      upstream = await fetch(`${p.target}${request.url ?? '/'}`, {
        method: request.method ?? 'POST',
        headers: pick(request.headers, ['x-api-key', 'content-type']),
        body: raw,
        signal: aborter.signal,
      });
    } catch {
      if (!response.headersSent) request.socket.destroy();
      return;
    }
    const bytes = Buffer.from(await upstream.arrayBuffer());
    if (response.destroyed) return;
    call.status = upstream.status;
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'retry-after']) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    response.writeHead(upstream.status, headers);
    response.end(bytes);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const callsFor = (symbol: string) => calls.filter((c) => c.symbol === symbol);

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    onCall: (next) => {
      hook = next;
    },
    callsFor,
    successesByTemplate: (symbol) => {
      const counts: Record<string, number> = {};
      for (const call of callsFor(symbol)) {
        if (call.status === 200) counts[call.chartTemplateId ?? '?'] = (counts[call.chartTemplateId ?? '?'] ?? 0) + 1;
      }
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function studiesFingerprint(studies: unknown): string {
  return Array.isArray(studies) ? studies.map((s) => String((s as { name?: unknown }).name)).join('|') : '';
}

function pick(headers: IncomingMessage['headers'], names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
