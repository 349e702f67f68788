import { performance } from 'node:perf_hooks';
import type { AccountReservation, ChartApi, ChartApiResponse, ChartCall } from '@worker-chart-export/domain';
import { fixtureResponse } from './fixture-response.js';
import type { FixtureStore } from './fixture-store.js';

/** `render` was called on an API that must never reach the network. */
export class MockModeRenderError extends Error {
  override readonly name = 'MockModeRenderError';
  constructor(fixtureKey: string) {
    super(`Chart-IMG mock mode never calls the API: render() was called for fixture ${fixtureKey}`);
  }
}

/**
 * The Chart-IMG API in `mock` mode (docs/design.md#chart-img-modes-and-fixtures): every call is answered from fixtures,
 * a miss is `fixture-missing`. It holds no HTTP client, so no request can leave the process.
 */
export class FixtureChartApi implements ChartApi {
  readonly mode = 'mock' as const;

  constructor(private readonly fixtures: FixtureStore) {}

  async replay(call: ChartCall): Promise<ChartApiResponse> {
    const started = performance.now();
    const fixture = await this.fixtures.find(call.fixtureKey);
    if (fixture === undefined) return { kind: 'fixture-missing', fixtureKey: call.fixtureKey };
    return fixtureResponse(fixture, Math.round(performance.now() - started));
  }

  render(call: ChartCall, _account: AccountReservation, _timeoutMs: number): Promise<ChartApiResponse> {
    return Promise.reject(new MockModeRenderError(call.fixtureKey));
  }
}
