import type { ChartApi, ChartApiResponse } from '@worker-chart-export/domain';

/**
 * The ChartApi of `CHARTS_API_MODE=local`: the use case hands every request to the local renderer, so nothing
 * here answers. `replay` has no fixture and `render` rejects, so a request can never reach Chart-IMG by mistake.
 */
export class LocalModeChartApi implements ChartApi {
  readonly mode = 'local' as const;

  replay(): Promise<ChartApiResponse | undefined> {
    return Promise.resolve(undefined);
  }

  render(): Promise<ChartApiResponse> {
    return Promise.reject(new Error('CHARTS_API_MODE=local never calls Chart-IMG'));
  }
}
