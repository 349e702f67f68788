import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** A seed template of `chart-templates/`. */
export interface SeedTemplate {
  readonly id: string;
  readonly request: { readonly studies?: unknown };
}

/** The five seed templates, in file-name order. */
export function seedTemplates(): SeedTemplate[] {
  const dir = join(REPO_ROOT, 'chart-templates');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SeedTemplate);
}

export async function storeTemplates(db: Firestore, templates: readonly SeedTemplate[]): Promise<void> {
  await Promise.all(templates.map((template) => db.collection('chart_templates').doc(template.id).set(template)));
}

export const STEP_ID = 'charts:1h:all_templates';
export const BUCKET = 'charts-reliability';

/** One scenario's step: its own runId and symbol, so its Chart-IMG calls, objects and documents never mix with another's. */
export interface ChartStep {
  readonly runId: string;
  readonly symbol: string;
  /** `BINANCE:<symbol>`, as Chart-IMG receives it. */
  readonly chartImgSymbol: string;
  readonly stepId: string;
  readonly templateIds: readonly string[];
  readonly minImages: number;
  readonly doc: { runId: string } & Record<string, unknown>;
}

/**
 * A flow_run with one READY CHART_EXPORT step over `templateIds` (its dependency SUCCEEDED), for scenario
 * `key` (upper-case letters and digits, e.g. `K3`).
 */
export function chartStep(key: string, templateIds: readonly string[], minImages: number): ChartStep {
  const symbol = `${key}USDT`;
  const runId = `20251215-102530_${symbol}_r${key.toLowerCase().padEnd(3, '0')}`;
  const doc = {
    schemaVersion: 1,
    runId,
    flowKey: 'scheduled_month_week_report_v1',
    status: 'RUNNING',
    createdAt: '2025-12-15T10:25:30Z',
    updatedAt: '2025-12-15T10:25:46Z',
    trigger: { type: 'SCHEDULER', source: 'flow1-every-4h' },
    scope: { symbol },
    steps: {
      'ohlcv_export:1h': {
        stepType: 'OHLCV_EXPORT',
        status: 'SUCCEEDED',
        timeframe: '1h',
        createdAt: '2025-12-15T10:25:31Z',
        dependsOn: [],
        inputs: { symbol, timeframe: '1h', source: 'bigquery', exportMode: 'all' },
        outputs: { gcs_uri: `gs://${BUCKET}/ohlcv/${runId}/ohlcv_export:1h.json` },
        finishedAt: '2025-12-15T10:25:45Z',
      },
      [STEP_ID]: {
        stepType: 'CHART_EXPORT',
        status: 'READY',
        timeframe: '1h',
        createdAt: '2025-12-15T10:25:46Z',
        dependsOn: ['ohlcv_export:1h'],
        inputs: { minImages, requests: templateIds.map((chartTemplateId) => ({ chartTemplateId })) },
        outputs: {},
      },
    },
  };
  return { runId, symbol, chartImgSymbol: `BINANCE:${symbol}`, stepId: STEP_ID, templateIds, minImages, doc };
}
