import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeOhlcvExportFile, type ChartCall, type LocalRenderer, type LocalRenderResult, type OhlcvSource } from '@worker-chart-export/domain';
import { LocalChartRenderer } from './local-chart-renderer.js';
import { marketOf, OhlcvChartRenderer, type OhlcvRenderOutcome } from './ohlcv-chart-renderer.js';

export interface OhlcvLocalRendererOptions {
  /** Where the step's OHLCV export files are read (`gs://` URIs). */
  readonly ohlcv: OhlcvSource;
  /**
   * A directory of example files named `<SYMBOL>_<timeframe>.json` (e.g. `fixtures/ohlcv/BTCUSDT_1h.json`), drawn
   * from when the step's own OHLCV file does not exist: how the CLI's embedded default draws charts from a fresh clone.
   */
  readonly exampleDir?: string;
}

/**
 * The {@link LocalRenderer} port over {@link OhlcvChartRenderer}: draws a call from its `ohlcvGcsUri`, falling back to
 * the example file of the call's market and timeframe when one is configured and the step's file cannot be read.
 */
export class OhlcvLocalRenderer implements LocalRenderer {
  private readonly local = new LocalChartRenderer();
  private readonly fromStep: OhlcvChartRenderer;

  constructor(private readonly options: OhlcvLocalRendererOptions) {
    this.fromStep = new OhlcvChartRenderer(options.ohlcv, this.local);
  }

  async render(call: ChartCall): Promise<LocalRenderResult> {
    const started = performance.now();
    const { outcome, from } = await this.draw(call);
    const durationMs = performance.now() - started;
    if (!outcome.ok) return { ok: false, message: outcome.message, durationMs };
    return { ok: true, png: outcome.png, durationMs, ...(from === undefined ? {} : { ohlcvFrom: from }) };
  }

  private async draw(call: ChartCall): Promise<{ outcome: OhlcvRenderOutcome; from?: string }> {
    const uri = call.ohlcvGcsUri;
    if (uri === undefined) return { outcome: { ok: false, reason: 'ohlcv-unavailable', message: `${call.chartTemplateId}: the call names no OHLCV file` } };
    const outcome = await this.fromStep.render(call, uri);
    const { exampleDir } = this.options;
    if (outcome.ok || outcome.reason !== 'ohlcv-unavailable' || exampleDir === undefined) return { outcome };
    const examplePath = join(exampleDir, `${marketOf(call.chartImgSymbol)}_${call.timeframe}.json`);
    const example = await new OhlcvChartRenderer(exampleFile(examplePath), this.local).render(call, uri);
    if (example.ok || example.reason !== 'ohlcv-unavailable') return { outcome: example, from: examplePath };
    return { outcome: { ...example, message: `${outcome.message}; no example OHLCV either: ${example.message}` } };
  }
}

function exampleFile(path: string): OhlcvSource {
  return {
    async read() {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new Error(`cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
      }
      return decodeOhlcvExportFile(bytes, path);
    },
  };
}
