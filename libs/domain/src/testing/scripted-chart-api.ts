import type { AccountReservation } from '../ports/account-pool.js';
import type { ChartApi, ChartApiResponse, ChartCall, ChartsApiMode } from '../ports/chart-api.js';
import { pngBytes } from './png-bytes.js';

export interface ScriptedCall {
  readonly call: ChartCall;
  readonly accountId: string;
  readonly timeoutMs: number;
}

export type Responder = (call: ChartCall, account: AccountReservation, attempt: number) => ChartApiResponse | Promise<ChartApiResponse>;

/** A 200 with a real PNG of the given size. */
export const okPng = (width = 800, height = 600): ChartApiResponse => ({
  kind: 'http',
  status: 200,
  contentType: 'image/png',
  body: pngBytes(width, height),
  source: 'network',
  durationMs: 5,
});

/** A provider JSON error. */
export const jsonError = (status: number, message: string, retryAfterMs?: number): ChartApiResponse => ({
  kind: 'http',
  status,
  contentType: 'application/json',
  body: new TextEncoder().encode(JSON.stringify({ message })),
  source: 'network',
  durationMs: 5,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

/**
 * A ChartApi whose answers are scripted per call. As `real` (the default) nothing is replayed and `render` answers
 * from `responder`. Give `replays` to act as `mock`: a call `replays` has no answer for is `fixture-missing`, and
 * `render` rejects, as a mock never reaches the network. As `record` it replays `replays`' answers and renders from
 * `responder`, but saves nothing.
 */
export class ScriptedChartApi implements ChartApi {
  readonly calls: ScriptedCall[] = [];
  readonly replayed: ChartCall[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly responder: Responder = () => okPng(),
    readonly mode: ChartsApiMode = 'real',
    private readonly replays: (call: ChartCall) => ChartApiResponse | undefined = () => undefined,
  ) {}

  async replay(call: ChartCall): Promise<ChartApiResponse | undefined> {
    if (this.mode === 'real') return undefined;
    const answer = this.replays(call);
    if (answer !== undefined) this.replayed.push(call);
    return answer ?? (this.mode === 'mock' ? { kind: 'fixture-missing', fixtureKey: call.fixtureKey } : undefined);
  }

  async render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse> {
    if (this.mode === 'mock') throw new Error(`a mock ChartApi never calls the provider: render() was called for fixture ${call.fixtureKey}`);
    const attempt = (this.attempts.get(call.chartTemplateId) ?? 0) + 1;
    this.attempts.set(call.chartTemplateId, attempt);
    this.calls.push({ call, accountId: account.accountId, timeoutMs });
    return this.responder(call, account, attempt);
  }
}
