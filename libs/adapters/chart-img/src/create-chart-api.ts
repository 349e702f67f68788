import { CHARTS_API_MODES, type ChartApi, type ChartsApiMode, type ChartImgAccount, type Clock } from '@worker-chart-export/domain';
import { AccountKeyring } from './account-keyring.js';
import { ChartApiConfigError } from './chart-api-config-error.js';
import { FixtureChartApi } from './fixture-chart-api.js';
import { FixtureStore } from './fixture-store.js';
import { GotChartApi } from './got-chart-api.js';
import { LocalModeChartApi } from './local-mode-chart-api.js';
import { RecordingChartApi } from './recording-chart-api.js';

export interface ChartApiOptions {
  /** Fixture directory (mock and record), e.g. `fixtures/chart-api/chart-img/advanced-chart-v2`. */
  readonly fixturesDir: string;
  /** Accounts with their keys (real and record; ignored in mock). */
  readonly accounts?: readonly ChartImgAccount[];
  /** `CHART_IMG_BASE_URL`; default `https://api.chart-img.com`. */
  readonly baseUrl?: string;
  /** `ENV`: record mode is refused when it is `prod`. */
  readonly env?: string;
  readonly clock: Clock;
}

/**
 * The ChartApi for a `CHARTS_API_MODE`: `mock` -> {@link FixtureChartApi}, `real` -> {@link GotChartApi},
 * `record` -> {@link RecordingChartApi}, `local` -> {@link LocalModeChartApi} (no Chart-IMG at all). Throws {@link ChartApiConfigError} for an unknown mode, and
 * for `record` when `ENV=prod`.
 */
export function createChartApi(mode: string, options: ChartApiOptions): ChartApi {
  assertChartApiConfig(mode, options);
  const fixtures = new FixtureStore(options.fixturesDir);
  if (mode === 'mock') return new FixtureChartApi(fixtures);
  if (mode === 'local') return new LocalModeChartApi();
  const real = new GotChartApi({
    keyring: new AccountKeyring(options.accounts ?? []),
    clock: options.clock,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  });
  return mode === 'record' ? new RecordingChartApi(fixtures, real) : real;
}

/**
 * Throws {@link ChartApiConfigError} when `mode` is not a ChartsApiMode, when it is `record` and
 * `ENV=prod`, or when a real/record base URL is not http(s). For fail-fast checks at start-up.
 */
export function assertChartApiConfig(mode: string, options: Pick<ChartApiOptions, 'env' | 'baseUrl'>): asserts mode is ChartsApiMode {
  if (!(CHARTS_API_MODES as readonly string[]).includes(mode)) {
    throw new ChartApiConfigError(`CHARTS_API_MODE ${JSON.stringify(mode)} is not one of ${CHARTS_API_MODES.join(', ')}`);
  }
  if (mode === 'record' && options.env === 'prod') {
    throw new ChartApiConfigError('CHARTS_API_MODE=record is refused when ENV=prod');
  }
  if ((mode === 'real' || mode === 'record') && options.baseUrl !== undefined) assertBaseUrl(options.baseUrl);
}

function assertBaseUrl(baseUrl: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ChartApiConfigError(`CHART_IMG_BASE_URL ${JSON.stringify(baseUrl)} is not an http(s) URL`);
  }
}
