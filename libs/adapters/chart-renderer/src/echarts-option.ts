import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { EChartsCoreOption } from 'echarts/core';
import { FONT_FAMILY } from './canvas-platform.js';
import type { Palette } from './palette.js';
import { formatCompact, formatPrice, RIGHT_OFFSET_BARS, type ChartScene, type ScenePane } from './scene/chart-scene.js';
import type { SceneSeries } from './scene/scene-series.js';

const LEGEND_LINE_HEIGHT = 16;
// Own-scale overlays (volume on the price pane) get y axes after one per pane.
type Option = Record<string, unknown>;

interface AxisRef {
  readonly xAxisIndex: number;
  readonly yAxisIndex: number;
}

// A plus sign made of two filled bars: echarts fills path symbols, so a stroked cross would not show.
// Every series stays inside its pane by construction (each pane's scale spans all its values), so no series is
// clipped: clipping costs the rasterizer more than the lines themselves.
const CROSS_SYMBOL = 'path://M0,4.2H10V5.8H0Z M4.2,0H5.8V10H4.2Z';

function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return color;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

// A series of `type` on its pane's axes, unclipped (see CROSS_SYMBOL's note on clipping).
function unclippedSeries(type: string, series: SceneSeries, axis: AxisRef): Option {
  return { type, name: series.name, ...axis, clip: false };
}

function candleSeries(series: Extract<SceneSeries, { kind: 'candles' }>, axis: AxisRef, palette: Palette): Option {
  return {
    ...unclippedSeries('candlestick', series, axis),
    data: series.candles.map((candle) => [candle.open, candle.close, candle.low, candle.high]),
    barMaxWidth: 14,
    // Large mode draws all candles of a colour as one path: an order of magnitude fewer SVG elements to rasterize.
    // It fills every body, so hollow candles keep one element per candle.
    large: !series.hollow,
    largeThreshold: 200,
    itemStyle: {
      color: series.hollow ? palette.background : palette.up,
      color0: palette.down,
      borderColor: palette.up,
      borderColor0: palette.down,
      borderWidth: 1,
    },
  };
}

function ohlcBarSeries(series: Extract<SceneSeries, { kind: 'ohlc-bars' }>, axis: AxisRef, palette: Palette): Option {
  return {
    ...unclippedSeries('custom', series, axis),
    data: series.candles.map((candle, i) => [i, candle.open, candle.close, candle.low, candle.high]),
    encode: { x: 0, y: [1, 2, 3, 4] },
    renderItem: (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const index = Number(api.value(0));
      const [open, close, low, high] = [1, 2, 3, 4].map((dim) => Number(api.value(dim)));
      const at = (price: number) => api.coord([index, price]) as number[];
      const [x = 0, yHigh = 0] = at(high ?? 0);
      const yLow = at(low ?? 0)[1] ?? 0;
      const yOpen = at(open ?? 0)[1] ?? 0;
      const yClose = at(close ?? 0)[1] ?? 0;
      const half = Math.max(1, ((api.size?.([1, 0]) as number[] | undefined)?.[0] ?? 4) * 0.35);
      const stroke = (close ?? 0) >= (open ?? 0) ? palette.up : palette.down;
      const style = { stroke, lineWidth: 1 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x, y1: yHigh, x2: x, y2: yLow }, style },
          { type: 'line', shape: { x1: x - half, y1: yOpen, x2: x, y2: yOpen }, style },
          { type: 'line', shape: { x1: x, y1: yClose, x2: x + half, y2: yClose }, style },
        ],
      };
    },
  };
}

// One bar series per colour, laid over each other in every slot (barGap -100%): each draws as a single path in large mode.
function histogramSeries(series: Extract<SceneSeries, { kind: 'histogram' }>, axis: AxisRef): Option[] {
  const colors = [...new Set(series.colors)];
  return colors.map((color) => ({
    ...unclippedSeries('bar', series, axis),
    large: true,
    largeThreshold: 200,
    barGap: '-100%',
    barCategoryGap: '25%',
    itemStyle: { color },
    // Zero, not null, in the other colours' slots: large mode skips a series whose data holds nulls.
    data: series.values.map((value, i) => (series.colors[i] === color ? (value ?? 0) : 0)),
  }));
}

// The whole band is one polygon (upper edge forward, lower edge back) from a single custom item: far cheaper
// to rasterize than a stacked area, and gaps where the indicator has no value yet are left out.
function bandSeries(series: Extract<SceneSeries, { kind: 'band' }>, axis: AxisRef): Option {
  const firstDefined = series.upper.findIndex((value, i) => value !== null && series.lower[i] !== null);
  return {
    type: 'custom',
    name: series.name,
    ...axis,
    silent: true,
    data: firstDefined < 0 ? [] : [[firstDefined, series.upper[firstDefined]]],
    encode: { x: 0, y: 1 },
    renderItem: (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const upper: number[][] = [];
      const lower: number[][] = [];
      for (let i = firstDefined; i < series.upper.length; i++) {
        const top = series.upper[i];
        const bottom = series.lower[i];
        if (top === null || top === undefined || bottom === null || bottom === undefined) continue;
        upper.push(api.coord([i, top]) as number[]);
        lower.push(api.coord([i, bottom]) as number[]);
      }
      return { type: 'polygon', shape: { points: [...upper, ...lower.reverse()] }, style: { fill: series.color } } as CustomSeriesRenderItemReturn;
    },
  };
}

// A line is drawn by a custom series as polylines (one per run of values): ECharts' own line series always
// clips itself to its grid, which costs more to rasterize than the line.
function lineSeries(series: Extract<SceneSeries, { kind: 'line' }>, axis: AxisRef): Option {
  const first = series.values.findIndex((value) => value !== null);
  return {
    ...unclippedSeries('custom', series, axis),
    silent: true,
    data: first < 0 ? [] : [[first, series.values[first]]],
    encode: { x: 0, y: 1 },
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const runs: number[][][] = [];
      let run: number[][] = [];
      series.values.forEach((value, i) => {
        if (value === null) {
          if (run.length > 0) runs.push(run);
          run = [];
          return;
        }
        run.push(api.coord([i, value]) as number[]);
      });
      if (run.length > 0) runs.push(run);
      const children: object[] = runs.map((points) => ({
        type: 'polyline',
        shape: { points },
        style: { stroke: series.color, lineWidth: series.width, fill: null, lineJoin: 'round' },
      }));
      if (series.area === true) {
        const grid = params.coordSys as unknown as { y: number; height: number };
        const bottom = grid.y + grid.height;
        for (const points of runs) {
          const [firstX = 0] = points[0] ?? [];
          const [lastX = 0] = points[points.length - 1] ?? [];
          children.unshift({
            type: 'polygon',
            shape: { points: [[firstX, bottom], ...points, [lastX, bottom]] },
            style: { fill: withAlpha(series.color, 0.15) },
          });
        }
      }
      return { type: 'group', children } as CustomSeriesRenderItemReturn;
    },
  };
}

function volumeProfileSeries(series: Extract<SceneSeries, { kind: 'volume-profile' }>, axis: AxisRef): Option {
  const maxTotal = Math.max(...series.rows.map((row) => row.up + row.down), 1);
  const pocRow = series.rows.findIndex((row) => row.low <= series.pocPrice && series.pocPrice <= row.high);
  return {
    ...unclippedSeries('custom', series, axis),
    data: series.rows.map((row, i) => [0, row.low, row.high, row.up, row.down, row.inValueArea ? 1 : 0, i === pocRow ? 1 : 0]),
    encode: { x: 0, y: [1, 2] },
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const grid = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
      const [low, high, up, down, inArea, isPoc] = [1, 2, 3, 4, 5, 6].map((dim) => Number(api.value(dim)));
      const yTop = (api.coord([0, high ?? 0]) as number[])[1] ?? 0;
      const yBottom = (api.coord([0, low ?? 0]) as number[])[1] ?? 0;
      const full = grid.width * 0.3;
      const right = grid.x + grid.width;
      const upWidth = ((up ?? 0) / maxTotal) * full;
      const downWidth = ((down ?? 0) / maxTotal) * full;
      const alpha = inArea === 1 ? 0.55 : 0.22;
      const height = Math.max(1, yBottom - yTop - 1);
      const children: object[] = [
        { type: 'rect', shape: { x: right - upWidth - downWidth, y: yTop, width: upWidth, height }, style: { fill: withAlpha(series.upColor, alpha) } },
        { type: 'rect', shape: { x: right - downWidth, y: yTop, width: downWidth, height }, style: { fill: withAlpha(series.downColor, alpha) } },
      ];
      if (isPoc === 1) {
        const y = (yTop + yBottom) / 2;
        children.push({ type: 'line', shape: { x1: grid.x, y1: y, x2: right, y2: y }, style: { stroke: series.pocColor, lineWidth: 1 } });
      }
      return { type: 'group', children } as CustomSeriesRenderItemReturn;
    },
  };
}

function seriesOptions(series: SceneSeries, axis: AxisRef, palette: Palette): Option[] {
  switch (series.kind) {
    case 'candles':
      return [candleSeries(series, axis, palette)];
    case 'ohlc-bars':
      return [ohlcBarSeries(series, axis, palette)];
    case 'line':
      return [lineSeries(series, axis)];
    case 'histogram':
      return histogramSeries(series, axis);
    case 'markers':
      return [
        {
          ...unclippedSeries('scatter', series, axis),
          symbol: series.shape === 'cross' ? CROSS_SYMBOL : 'circle',
          symbolSize: series.size,
          itemStyle: { color: series.color },
          data: series.values.flatMap((value, i) => (value === null ? [] : [[i, value]])),
        },
      ];
    case 'band':
      return [bandSeries(series, axis)];
    case 'volume-profile':
      return [volumeProfileSeries(series, axis)];
  }
}

function axisLabelFormatter(pane: ScenePane): (value: number) => string {
  if (pane.valueFormat === 'compact') return (value) => formatCompact(value);
  if (pane.valueFormat === 'fixed2') return (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));
  return (value) => formatPrice(value);
}

function legendGraphics(scene: ChartScene, pane: ScenePane): Option[] {
  return pane.legend.map((line, i) => {
    const rich: Record<string, Option> = { t: { fill: scene.palette.text, fontSize: i === 0 && pane.kind === 'price' ? 13 : 11 } };
    const parts = line.values.map((value, v) => {
      rich[`v${v}`] = { fill: value.color, fontSize: 11 };
      return `{v${v}|${value.text}}`;
    });
    return {
      type: 'text',
      silent: true,
      left: pane.rect.x + 6,
      top: pane.rect.y + 5 + i * LEGEND_LINE_HEIGHT + (i > 0 && pane.kind === 'price' ? 3 : 0),
      style: { text: `{t|${line.title}}  ${parts.join(' ')}`, rich, fontFamily: FONT_FAMILY },
    };
  });
}

/** The ECharts option that draws `scene`: a grid per pane, x axes sharing the candles, y axes on the right. */
export function echartsOptionOf(scene: ChartScene): EChartsCoreOption {
  const { palette } = scene;
  const labels = Array.from({ length: scene.times.length + RIGHT_OFFSET_BARS }, (_, i) => String(i));
  const tickAt = new Map(scene.ticks.map((tick) => [tick.index, tick.label]));
  const isTick = (index: number) => tickAt.has(index);
  const lastPane = scene.panes.length - 1;
  const grids: Option[] = [];
  const xAxes: Option[] = [];
  const yAxes: Option[] = [];
  const series: Option[] = [];
  const extraYAxes: Option[] = [];

  scene.panes.forEach((pane, p) => {
    grids.push({
      left: pane.rect.x,
      top: pane.rect.y,
      width: pane.rect.width,
      height: pane.rect.height,
      show: true,
      borderWidth: 0,
      backgroundColor: palette.background,
    });
    xAxes.push({
      type: 'category',
      gridIndex: p,
      data: labels,
      boundaryGap: true,
      axisLine: { show: true, lineStyle: { color: palette.border } },
      axisTick: { show: false },
      axisLabel: {
        show: p === lastPane,
        interval: isTick,
        formatter: (_: string, index: number) => tickAt.get(index) ?? '',
        color: palette.text,
        fontSize: 11,
        fontFamily: FONT_FAMILY,
        margin: 8,
      },
      splitLine: { show: true, interval: isTick, lineStyle: { color: palette.grid } },
    });
    yAxes.push({
      type: pane.logarithmic ? 'log' : 'value',
      gridIndex: p,
      position: 'right',
      min: pane.min,
      max: pane.max,
      splitNumber: Math.max(2, Math.round(pane.rect.height / 60)),
      axisLine: { show: true, lineStyle: { color: palette.border } },
      axisTick: { show: false },
      axisLabel: {
        color: palette.text,
        fontSize: 11,
        fontFamily: FONT_FAMILY,
        formatter: axisLabelFormatter(pane),
        margin: 6,
        // Oscillators label their reference levels (70 / 50 / 30), as TradingView does; other scales hide the
        // labels at their padded ends.
        ...(pane.levels.length > 0 ? { customValues: [...pane.levels] } : { showMinLabel: false, showMaxLabel: false }),
      },
      splitLine: { show: pane.levels.length === 0, lineStyle: { color: palette.grid } },
    });
    const axis = { xAxisIndex: p, yAxisIndex: p };
    pane.series.forEach((item) => series.push(...seriesOptions(item, axis, palette)));
    pane.overlayScales.forEach((scale) => {
      const yAxisIndex = scene.panes.length + extraYAxes.length;
      extraYAxes.push({ type: 'value', gridIndex: p, show: false, min: scale.min, max: scale.max, splitLine: { show: false } });
      scale.series.forEach((item) => series.push(...seriesOptions(item, { xAxisIndex: p, yAxisIndex }, palette)));
    });
    if (pane.levels.length > 0) {
      series.push({
        type: 'line',
        name: `${pane.id} levels`,
        ...axis,
        data: [],
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: palette.level, type: [4, 4], width: 1 },
          data: pane.levels.map((level) => ({ yAxis: level })),
        },
        ...(pane.levelFill === undefined
          ? {}
          : {
              markArea: {
                silent: true,
                itemStyle: { color: pane.levelFill },
                data: [[{ yAxis: Math.min(...pane.levels) }, { yAxis: Math.max(...pane.levels) }]],
              },
            }),
      });
    }
  });

  // The last price: a dotted line across the price pane and a coloured tag on the price axis.
  series.push({
    type: 'line',
    name: 'last price',
    xAxisIndex: 0,
    yAxisIndex: 0,
    data: [],
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: scene.lastPrice.color, type: [2, 2], width: 1 },
      label: {
        position: 'end',
        formatter: formatPrice(scene.lastPrice.value),
        color: '#ffffff',
        backgroundColor: scene.lastPrice.color,
        padding: [3, 4],
        fontSize: 11,
        fontFamily: FONT_FAMILY,
        distance: 2,
      },
      data: [{ yAxis: scene.lastPrice.value }],
    },
  });

  return {
    animation: false,
    backgroundColor: palette.background,
    textStyle: { fontFamily: FONT_FAMILY },
    grid: grids,
    xAxis: xAxes,
    yAxis: [...yAxes, ...extraYAxes],
    series,
    graphic: scene.panes.flatMap((pane) => legendGraphics(scene, pane)),
  };
}
