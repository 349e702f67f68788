import { FsTemplateRepo } from '@worker-chart-export/adapter-local';
import {
  errorFixtureSuffix,
  fixtureKey,
  renderChartImgSymbol,
  toChartImgInterval,
  validateChartTemplate,
  type ChartTemplate,
} from '@worker-chart-export/domain';
import { readRgbPng } from './png-reader.js';
import { renderChartPng } from './render-chart-png.js';

/** The base symbol every committed fixture is drawn for (`BINANCE:{symbol}` makes it `BINANCE:BTCUSDT`). */
export const FIXTURE_SYMBOL = 'BTCUSDT';

/** Timeframes with a success PNG for every seed template. */
export const SUCCESS_TIMEFRAMES = ['1h', '1M'] as const;

/** A recorded provider error, replayed as `{status, body}`. */
export interface ErrorFixtureSpec {
  readonly chartTemplateId: string;
  readonly timeframe: string;
  readonly status: number;
  readonly message: string;
}

/**
 * Error fixtures. They sit on `4h`, where no success PNG exists, because an error fixture
 * shadows the success fixture of the same key.
 */
export const ERROR_FIXTURES: readonly ErrorFixtureSpec[] = [
  { chartTemplateId: 'ctpl_price_ma1226_vol_v1', timeframe: '4h', status: 429, message: 'Limit Exceeded' },
  { chartTemplateId: 'ctpl_price_psar_adi_v1', timeframe: '4h', status: 500, message: 'Something Went Wrong' },
];

/** One file of `fixtures/chart-api/chart-img/advanced-chart-v2/`. */
export interface FixtureFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Every fixture file the generator owns, from the seed templates in `templatesDir`, sorted by name. */
export async function buildFixtureSet(templatesDir: string): Promise<FixtureFile[]> {
  const templates = await loadTemplates(templatesDir);
  const files: FixtureFile[] = [];
  for (const template of templates) {
    const chartImgSymbol = renderChartImgSymbol(template.chartImgSymbolTemplate, FIXTURE_SYMBOL);
    for (const timeframe of SUCCESS_TIMEFRAMES) {
      const key = fixtureKey(chartImgSymbol, timeframe, template.id);
      const bytes = renderChartPng({
        fixtureKey: key,
        chartImgSymbol,
        interval: intervalOf(timeframe),
        chartTemplateId: template.id,
        request: template.request as Readonly<Record<string, unknown>>,
      });
      files.push({ name: `${key}.png`, bytes });
    }
  }
  for (const spec of ERROR_FIXTURES) {
    const template = templates.find((t) => t.id === spec.chartTemplateId);
    if (template === undefined) throw new Error(`error fixture names template "${spec.chartTemplateId}", which is not in ${templatesDir}`);
    const key = fixtureKey(renderChartImgSymbol(template.chartImgSymbolTemplate, FIXTURE_SYMBOL), spec.timeframe, spec.chartTemplateId);
    const json = JSON.stringify({ status: spec.status, body: { message: spec.message } }, null, 2);
    files.push({ name: `${key}__${errorFixtureSuffix(spec.status, spec.message)}.json`, bytes: Buffer.from(`${json}\n`) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * true when `existing` holds the same fixture as `generated`. PNGs compare by size and pixels, not bytes,
 * so a different zlib build (another Node version) does not count as a change.
 */
export function sameFixture(existing: Buffer, generated: FixtureFile): boolean {
  if (!generated.name.endsWith('.png')) return existing.equals(generated.bytes);
  if (existing.equals(generated.bytes)) return true;
  try {
    const a = readRgbPng(existing);
    const b = readRgbPng(generated.bytes);
    return a.width === b.width && a.height === b.height && Buffer.from(a.pixels).equals(b.pixels);
  } catch {
    return false;
  }
}

async function loadTemplates(templatesDir: string): Promise<ChartTemplate[]> {
  const repo = new FsTemplateRepo(templatesDir);
  const templates: ChartTemplate[] = [];
  for (const id of await repo.listTemplateIds()) {
    const record = await repo.get(id);
    if (record === undefined) throw new Error(`template "${id}" disappeared from ${templatesDir}`);
    const validation = validateChartTemplate(record, id);
    if (!validation.ok) throw new Error(validation.error.message);
    templates.push(validation.template);
  }
  return templates;
}

function intervalOf(timeframe: string): string {
  const mapping = toChartImgInterval(timeframe);
  if (!mapping.ok) throw new Error(mapping.message);
  return mapping.interval;
}
