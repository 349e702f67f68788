import { BarChart, CandlestickChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { OhlcvRow } from '@worker-chart-export/domain';
import { chartCanvas, prepareCanvasPlatform } from './canvas-platform.js';
import { readChartPlan, type ChartPlan } from './chart-plan.js';
import { echartsOptionOf } from './echarts-option.js';
import { layoutOf, type ChartLayout } from './scene/chart-layout.js';
import { buildChartScene, type ChartScene } from './scene/chart-scene.js';

use([
  CanvasRenderer,
  SVGRenderer,
  CandlestickChart,
  LineChart,
  BarChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  GraphicComponent,
  MarkLineComponent,
  MarkAreaComponent,
]);

/** A rendered chart: the PNG, and the layout it was drawn with. */
export interface LocalRender {
  readonly png: Uint8Array;
  readonly layout: ChartLayout;
}

/** The chart as an SVG document (the same drawing as the PNG, for inspection and tests). */
export function renderSceneToSvg(scene: ChartScene): string {
  prepareCanvasPlatform();
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: scene.width, height: scene.height });
  try {
    chart.setOption(echartsOptionOf(scene));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes, drawn by ECharts' canvas renderer on a Skia canvas. */
function renderSceneToPng(scene: ChartScene): Uint8Array {
  const canvas = chartCanvas(scene.width, scene.height);
  const chart = init(canvas as unknown as Parameters<typeof init>[0], null, {
    renderer: 'canvas',
    width: scene.width,
    height: scene.height,
    devicePixelRatio: 1,
  });
  try {
    chart.setOption(echartsOptionOf(scene));
    return canvas.toBuffer('image/png');
  } finally {
    chart.dispose();
  }
}

/**
 * Draws Chart-IMG Advanced Chart requests from OHLCV rows, without the provider: the same body in, a PNG out.
 * `check` refuses (a RenderRefusal) what it cannot draw before anything is drawn; `render` checks too.
 * Built on Apache ECharts (panes, axes, series) drawing on @napi-rs/canvas; indicators from trading-signals.
 */
export class LocalChartRenderer {
  /** Reads the body; throws a RenderRefusal naming the study, style or input it cannot draw. */
  check(body: Readonly<Record<string, unknown>>): ChartPlan {
    return readChartPlan(body);
  }

  /** The scene of the chart (panes, series, axes), for tests and tools; throws a RenderRefusal as `check` does. */
  scene(body: Readonly<Record<string, unknown>>, rows: readonly OhlcvRow[]): ChartScene {
    return buildChartScene(this.check(body), rows);
  }

  svg(body: Readonly<Record<string, unknown>>, rows: readonly OhlcvRow[]): string {
    return renderSceneToSvg(this.scene(body, rows));
  }

  render(body: Readonly<Record<string, unknown>>, rows: readonly OhlcvRow[]): LocalRender {
    return this.draw(this.check(body), rows);
  }

  /** Draws a plan `check` returned, without reading the body again; throws a RenderRefusal when no candle is left to show. */
  draw(plan: ChartPlan, rows: readonly OhlcvRow[]): LocalRender {
    const scene = buildChartScene(plan, rows);
    return { png: renderSceneToPng(scene), layout: layoutOf(scene) };
  }
}
