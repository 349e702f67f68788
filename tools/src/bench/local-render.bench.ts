// Local renderer benchmark. Not a test: it prints numbers.
//   npx tsx tools/src/bench/local-render.bench.ts [--runs 40] [--warmup 5]
// Renders a 1200x800 candle chart of the 500 candles in fixtures/ohlcv/BTCUSDT_1h.json (range ALL) with three
// studies (Bollinger Bands, Moving Average Double, MACD) to PNG, in-process, and prints p50/p95 of the whole
// render (body check, indicators, ECharts on a Skia canvas, PNG encoding) in wall-clock and CPU time (CPU time barely moves when
// other processes share the cores), the same chart as SVG only, and the process RSS.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { LocalChartRenderer, renderSceneToSvg } from '@worker-chart-export/adapter-chart-renderer';
import { decodeOhlcvExportFile } from '@worker-chart-export/domain';
import { EXAMPLE_OHLCV_FILE as OHLCV } from '../ohlcv/example-ohlcv.js';
import { durationStats, ms } from './bench-stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, warmup: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const warmup = Number(values.warmup);

const rows = decodeOhlcvExportFile(readFileSync(OHLCV), OHLCV).data;
const body = {
  symbol: 'BINANCE:BTCUSDT',
  interval: '1h',
  width: 1200,
  height: 800,
  style: 'candle',
  theme: 'light',
  timezone: 'Etc/UTC',
  range: 'ALL',
  studies: [
    { name: 'Bollinger Bands', input: { in_0: 20, in_1: 2 } },
    { name: 'Moving Average Double', input: { firstPeriods: 12, secondPeriods: 26, method: 'Simple' } },
    { name: 'MACD', forceOverlay: false, input: { in_0: 12, in_1: 26, in_2: 9, in_3: 'close' } },
  ],
};

const renderer = new LocalChartRenderer();
const total: number[] = [];
const cpuTotal: number[] = [];
const svgHalf: number[] = [];
let bars = 0;
let rssAfterWarmup = 0;
let pngBytes = 0;
for (let i = 0; i < warmup + runs; i++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { png, layout } = renderer.render(body, rows);
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const svgStarted = performance.now();
  renderSceneToSvg(renderer.scene(body, rows));
  const svgElapsed = performance.now() - svgStarted;
  if (i >= warmup) {
    total.push(elapsed);
    cpuTotal.push((cpu.user + cpu.system) / 1000);
    svgHalf.push(svgElapsed);
  }
  bars = layout.bars;
  pngBytes = png.byteLength;
  if (i === warmup - 1) rssAfterWarmup = process.memoryUsage().rss;
  // Yield between renders as a worker does between requests, so native finalizers get to run.
  await new Promise((resolve) => setImmediate(resolve));
}

const all = durationStats(total);
const svg = durationStats(svgHalf);
const cpuStats = durationStats(cpuTotal);
const rssMb = process.memoryUsage().rss / 1024 / 1024;
console.log(`local render: ${bars} candles, 1200x800, 3 studies, ${runs} runs after ${warmup} warm-up (PNG ${Math.round(pngBytes / 1024)} KiB)`);
console.log(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}, node ${process.version}`,
);
console.log('| stage | p50 ms | p95 ms | min ms | max ms |');
console.log('|---|---|---|---|---|');
console.log(`| whole render (PNG) | ${ms(all.p50)} | ${ms(all.p95)} | ${ms(all.min)} | ${ms(all.max)} |`);
console.log(`| whole render, CPU time | ${ms(cpuStats.p50)} | ${ms(cpuStats.p95)} | ${ms(cpuStats.min)} | ${ms(cpuStats.max)} |`);
console.log(`| scene + ECharts SVG (for comparison) | ${ms(svg.p50)} | ${ms(svg.p95)} | ${ms(svg.min)} | ${ms(svg.max)} |`);
console.log(`RSS after the warm-up: ${(rssAfterWarmup / 1024 / 1024).toFixed(0)} MiB, after the runs: ${rssMb.toFixed(0)} MiB`);
