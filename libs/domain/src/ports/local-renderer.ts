import type { ChartCall } from './chart-api.js';

/** A chart drawn without Chart-IMG, or the one-line reason it was not. */
export type LocalRenderResult =
  /** `ohlcvFrom`: the file drawn from when it was not `call.ohlcvGcsUri` (an example file standing in for it). */
  | { readonly ok: true; readonly png: Uint8Array; readonly durationMs: number; readonly ohlcvFrom?: string }
  | { readonly ok: false; readonly message: string; readonly durationMs: number };

/**
 * Draws a {@link ChartCall}'s body locally from the OHLCV export file at `call.ohlcvGcsUri`: no account, no quota.
 * Never rejects for bad input: a body it cannot draw, a missing or unreadable OHLCV file, or a file of another
 * symbol or timeframe is `ok: false` with a message naming the template or the URI.
 */
export interface LocalRenderer {
  render(call: ChartCall): Promise<LocalRenderResult>;
}
export const LocalRenderer = Symbol.for('worker-chart-export.LocalRenderer');

/** `local`: a request Chart-IMG cannot serve (every account spent, or its retries spent) is drawn locally. */
export const RENDER_FALLBACKS = ['off', 'local'] as const;
export type RenderFallback = (typeof RENDER_FALLBACKS)[number];
