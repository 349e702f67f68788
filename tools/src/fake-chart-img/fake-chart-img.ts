import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PLAN_LIMITS, type ChartImgPlan } from '@worker-chart-export/domain';
import { listenOnLoopback } from '../loopback/listen-on-loopback.js';
import { readRequestBody } from '../loopback/read-request-body.js';
import { echoKey } from './echo-key.js';
import { fakePng } from './fake-png.js';
import { FakeRateLimit } from './fake-rate-limit.js';
import type { FakeAccount, FakeCall, FakeChartImg, FakeChartImgOptions, FakeFault } from './fake-chart-img-types.js';
import { validateFakeBody } from './validate-fake-body.js';

const PATH = '/v2/tradingview/advanced-chart';
const MAX_BODY_BYTES = 1_000_000;
const DAY_MS = 86_400_000;

interface AccountState {
  readonly account: FakeAccount;
  readonly plan: ChartImgPlan;
  readonly dailyLimit: number;
  readonly rate: FakeRateLimit;
  day: number;
  used: number;
}

type JsonAnswer = { readonly type: 'json'; readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };
type Answer =
  | JsonAnswer
  | { readonly type: 'png'; readonly bytes: Buffer }
  | { readonly type: 'html'; readonly status: number; readonly text: string }
  /** A JSON body sent as this exact text; `message` is what `calls` records of it. */
  | { readonly type: 'raw-json'; readonly status: number; readonly contentType: string; readonly text: string; readonly message: string }
  | { readonly type: 'hang' };

/**
 * A fake Chart-IMG on 127.0.0.1 that behaves as the provider documents (chart-img/README.md):
 * `x-api-key` checked (403 Forbidden), per-account rate and burst of its plan (429 Too Many
 * Requests), daily quota counted in successful renders per UTC day (429 Limit Exceeded), the body
 * validated (400 Invalid Request, 422 issue array), plan limits (403 Exceed Max Usage ...), and
 * a PNG of the requested size on success. Faults and latency are injectable.
 */
export async function startFakeChartImg(options: FakeChartImgOptions): Promise<FakeChartImg> {
  const now = options.now ?? Date.now;
  const states = new Map<string, AccountState>(
    options.accounts.map((account) => {
      const plan = account.plan ?? 'BASIC';
      const limits = PLAN_LIMITS[plan];
      const state: AccountState = {
        account,
        plan,
        dailyLimit: account.dailyLimit ?? limits.dailyMax,
        rate: new FakeRateLimit(limits.ratePerSecond, limits.burst, now()),
        day: Math.floor(now() / DAY_MS),
        used: 0,
      };
      return [account.apiKey, state];
    }),
  );
  const calls: FakeCall[] = [];
  let fault: { spec: FakeFault; left: number } | undefined;
  let latencyMs = options.latencyMs ?? 0;
  const setFault = (spec: FakeFault | undefined): void => {
    fault = spec === undefined ? undefined : { spec, left: spec.times };
  };
  setFault(options.fault);

  function takeFault(): FakeFault | undefined {
    if (fault === undefined || fault.left <= 0) return undefined;
    fault.left -= 1;
    return fault.spec;
  }

  function decide(key: string | undefined, raw: Buffer, at: number): { answer: Answer; call: FakeCall } {
    const state = key === undefined ? undefined : states.get(key);
    const parsed = parseBody(raw);
    const base = {
      at,
      keyHash: key === undefined ? undefined : hashKey(key),
      accountId: state?.account.id,
      ...(parsed.ok ? { body: summarize(parsed.body) } : {}),
    };
    const answer = answerFor(key, state, parsed, at);
    const status = answer.type === 'hang' ? 'timeout' : answer.type === 'png' ? 200 : answer.status;
    const message = answer.type === 'json' ? messageOf(answer.body) : answer.type === 'raw-json' ? answer.message : undefined;
    return { answer, call: { ...base, status, ...(message === undefined ? {} : { message }) } };
  }

  function answerFor(key: string | undefined, state: AccountState | undefined, parsed: ParsedBody, at: number): Answer {
    if (key === undefined || state === undefined) return json(403, 'Forbidden');
    const injected = takeFault();
    if (injected !== undefined) return faultAnswer(injected, key);
    if (!state.rate.tryTake(at)) return json(429, 'Too Many Requests');
    const day = Math.floor(at / DAY_MS);
    if (day !== state.day) {
      state.day = day;
      state.used = 0;
    }
    if (state.used >= state.dailyLimit) return json(429, 'Limit Exceeded');
    if (!parsed.ok) return json(400, 'Invalid Request');
    const issues = validateFakeBody(parsed.body);
    if (issues.length > 0) return { type: 'json', status: 422, body: issues };
    const limits = PLAN_LIMITS[state.plan];
    const width = numberOr(parsed.body['width'], 800);
    const height = numberOr(parsed.body['height'], 600);
    if (width > limits.maxWidth || height > limits.maxHeight) {
      return json(403, `Exceed Max Usage Resolution Limit (${limits.maxWidth}x${limits.maxHeight})`);
    }
    if (countOf(parsed.body['studies']) + countOf(parsed.body['drawings']) > limits.maxParameters) {
      return json(403, `Exceed Max Usage Parameter Limit (${limits.maxParameters})`);
    }
    state.used += 1;
    return { type: 'png', bytes: fakePng(width, height) };
  }

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = now();
    const raw = await readRequestBody(request, MAX_BODY_BYTES, 'drop');
    if (request.method !== 'POST' || request.url?.split('?')[0] !== PATH) {
      send(response, json(404, 'Not Found'));
      return;
    }
    const header = request.headers['x-api-key'];
    const { answer, call } = decide(typeof header === 'string' ? header : undefined, raw, at);
    calls.push(call);
    if (answer.type === 'hang') return;
    const ready: Exclude<Answer, { type: 'hang' }> = answer;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    send(response, ready);
  }

  const listener = await listenOnLoopback(server, options.port);

  return {
    url: listener.url,
    calls,
    setFault,
    setLatency: (ms) => {
      latencyMs = ms;
    },
    usage: (apiKey) => states.get(apiKey)?.used ?? 0,
    close: listener.close,
  };
}

type ParsedBody = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false };

function parseBody(raw: Buffer): ParsedBody {
  if (raw.length === 0) return { ok: true, body: {} };
  try {
    const body: unknown = JSON.parse(raw.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ok: true, body: body as Record<string, unknown> } : { ok: false };
  } catch {
    return { ok: false };
  }
}

function faultAnswer(fault: FakeFault, key: string): Answer {
  switch (fault.type) {
    case 'key-echo':
      return {
        type: 'raw-json',
        status: fault.status ?? 403,
        contentType: fault.contentType ?? 'application/json',
        text: `{"message":"Invalid API key ${echoKey(key, fault.form)}"}`,
        message: `Invalid API key (echoed ${fault.form})`,
      };
    case 'server-error':
      return json(fault.status ?? 500, fault.message ?? 'Something Went Wrong');
    case 'timeout':
      return { type: 'hang' };
    case 'non-png':
      return { type: 'html', status: 200, text: '<html><body>Maintenance</body></html>' };
    case 'too-many-requests':
      return json(429, 'Too Many Requests', fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) });
  }
}

function json(status: number, message: string, headers?: Record<string, string>): JsonAnswer {
  return { type: 'json', status, body: { message }, ...(headers === undefined ? {} : { headers }) };
}

function send(response: ServerResponse, answer: Exclude<Answer, { type: 'hang' }>): void {
  if (answer.type === 'png') {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': answer.bytes.length });
    response.end(answer.bytes);
  } else if (answer.type === 'html') {
    response.writeHead(answer.status, { 'content-type': 'text/html' });
    response.end(answer.text);
  } else if (answer.type === 'raw-json') {
    response.writeHead(answer.status, { 'content-type': answer.contentType });
    response.end(answer.text);
  } else {
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  }
}

function summarize(body: Record<string, unknown>): NonNullable<FakeCall['body']> {
  return {
    symbol: body['symbol'],
    interval: body['interval'],
    width: body['width'],
    height: body['height'],
    studies: countOf(body['studies']),
    drawings: countOf(body['drawings']),
  };
}

function messageOf(body: unknown): string | undefined {
  if (Array.isArray(body)) return body.map((issue: { msg?: unknown }) => String(issue.msg)).join('; ');
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

function countOf(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** A short, stable fingerprint of a key: enough to tell accounts apart, useless to call the API. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
