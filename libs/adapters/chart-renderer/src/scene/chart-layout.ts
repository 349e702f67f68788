import type { ChartScene, Rect } from './chart-scene.js';

/** What a chart is made of, without the data: the shape a test or a reader can check exactly. */
export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly style: string;
  readonly theme: string;
  readonly timezone: string;
  readonly bars: number;
  readonly firstBar: string;
  readonly lastBar: string;
  readonly panes: readonly {
    readonly id: string;
    readonly kind: 'price' | 'study';
    readonly studies: readonly string[];
    readonly rect: Rect;
    readonly series: readonly { readonly kind: string; readonly name: string }[];
    readonly legend: readonly string[];
  }[];
  readonly timeLabels: readonly string[];
  readonly lastPrice: number;
}

export function layoutOf(scene: ChartScene): ChartLayout {
  const iso = (time: number | undefined) => (time === undefined ? '' : new Date(time).toISOString());
  return {
    width: scene.width,
    height: scene.height,
    style: scene.plan.style,
    theme: scene.plan.theme,
    timezone: scene.plan.timezone,
    bars: scene.times.length,
    firstBar: iso(scene.times[0]),
    lastBar: iso(scene.times[scene.times.length - 1]),
    panes: scene.panes.map((pane) => ({
      id: pane.id,
      kind: pane.kind,
      studies: pane.studies,
      rect: pane.rect,
      series: [...pane.series, ...pane.overlayScales.flatMap((scale) => scale.series)].map((series) => ({
        kind: series.kind,
        name: series.name,
      })),
      legend: pane.legend.map((line) => line.title),
    })),
    timeLabels: scene.ticks.map((tick) => tick.label),
    lastPrice: scene.lastPrice.value,
  };
}
