import type { OhlcvExportFile, OhlcvRow } from '@worker-chart-export/domain';
import { seededRandom, type Random } from '../chart-png/seeded-random.js';

/** What to generate: `count` candles of `stepMs` each, the last one opening at `lastOpen`. */
export interface SyntheticOhlcvOptions {
  readonly symbol: string;
  readonly timeframe: string;
  readonly stepMs: number;
  readonly count: number;
  readonly lastOpen: string;
  readonly startPrice: number;
  /** Typical relative move per candle, e.g. 0.004 for 0.4 %. */
  readonly volatility: number;
  readonly baseVolume: number;
  readonly seed: number;
}

function gaussian(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * A plausible market: a random walk whose drift changes regime every few dozen candles (trends and ranges
 * for the indicators to show), wicks from intra-candle noise, and volume that rises with the size of the move.
 */
export function syntheticOhlcv(options: SyntheticOhlcvOptions): OhlcvExportFile {
  const random = seededRandom(options.seed);
  const firstOpenMs = Date.parse(options.lastOpen) - (options.count - 1) * options.stepMs;
  const rows: OhlcvRow[] = [];
  let price = options.startPrice;
  let drift = 0;
  let regimeLeft = 0;
  for (let i = 0; i < options.count; i++) {
    if (regimeLeft <= 0) {
      drift = (random() - 0.5) * options.volatility * 0.5;
      regimeLeft = 25 + Math.floor(random() * 60);
    }
    regimeLeft--;
    const open = price;
    const move = drift + gaussian(random) * options.volatility;
    const close = open * (1 + move);
    const wick = () => Math.abs(gaussian(random)) * options.volatility * 0.45;
    const high = Math.max(open, close) * (1 + wick());
    const low = Math.min(open, close) * (1 - wick());
    const activity = 1 + Math.abs(move) / options.volatility;
    const volume = options.baseVolume * activity * (0.6 + random() * 0.8);
    rows.push({
      date: new Date(firstOpenMs + i * options.stepMs).toISOString().replace('.000Z', 'Z'),
      open: round(open, 2),
      high: round(high, 2),
      low: round(low, 2),
      close: round(close, 2),
      volume: round(volume, 3),
    });
    price = close;
  }
  return {
    metadata: {
      request_id: `synthetic-${options.symbol.toLowerCase()}-${options.timeframe}-${options.seed}`,
      request_timestamp: new Date(Date.parse(options.lastOpen) + options.stepMs).toISOString().replace('.000Z', 'Z'),
      symbol: options.symbol,
      timeframe: options.timeframe,
      query_type: 'all',
      query_parameters: {},
    },
    data: rows,
  };
}

/** The file as JSON with one candle per line (readable diffs). */
export function formatOhlcvFile(file: OhlcvExportFile): string {
  const rows = file.data.map((row) => `    ${JSON.stringify(row)}`).join(',\n');
  return `{\n  "metadata": ${JSON.stringify(file.metadata)},\n  "data": [\n${rows}\n  ]\n}\n`;
}
