import { performance } from 'node:perf_hooks';
import { isPng, type AccountReservation, type ChartApi, type ChartApiResponse, type ChartCall } from '@worker-chart-export/domain';
import { fixtureResponse } from './fixture-response.js';
import type { FixtureStore } from './fixture-store.js';

/**
 * The Chart-IMG API in `record` mode: a fixture hit replays without HTTP; a miss goes to the
 * real API and its answer is saved under the fixture key: a 200 whose body is a PNG as
 * `<key>.png`, an error status as `<key>__<STATUS>_<MESSAGE>.json` with `{status, body}`.
 * A 200 that is not a PNG and transport errors are never saved.
 */
export class RecordingChartApi implements ChartApi {
  readonly mode = 'record' as const;

  constructor(
    private readonly fixtures: FixtureStore,
    private readonly real: Pick<ChartApi, 'render'>,
  ) {}

  async replay(call: ChartCall): Promise<ChartApiResponse | undefined> {
    const started = performance.now();
    const fixture = await this.fixtures.find(call.fixtureKey);
    return fixture === undefined ? undefined : fixtureResponse(fixture, Math.round(performance.now() - started));
  }

  async render(call: ChartCall, account: AccountReservation, timeoutMs: number): Promise<ChartApiResponse> {
    const response = await this.real.render(call, account, timeoutMs);
    if (response.kind !== 'http') return response;
    if (response.status === 200) {
      if (isPng(response.body)) await this.fixtures.savePng(call.fixtureKey, response.body);
    } else {
      await this.fixtures.saveError(call.fixtureKey, response.status, decodeBody(response.body));
    }
    return response;
  }
}

/** The provider's error body as JSON when it parses, else as text. */
function decodeBody(body: Uint8Array): unknown {
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
