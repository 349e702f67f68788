import { formatCompactUtc } from './format-compact-utc.js';

/** What names one PNG. The ids must already have passed D1's checks; this only assembles the path. */
export interface PngObjectPathParts {
  readonly runId: string;
  readonly stepId: string;
  readonly generatedAt: Date;
  readonly symbol: string;
  /** The flow's own timeframe string (`1M`, `4h`), not the Chart-IMG interval. */
  readonly timeframe: string;
  readonly chartTemplateId: string;
}

/** D1: `charts/<runId>/<stepId>/<YYYYMMDD-HHmmss>_<symbol>_<timeframe>_<chartTemplateId>.png`. */
export function pngObjectPath(p: PngObjectPathParts): string {
  const fileName = `${formatCompactUtc(p.generatedAt)}_${p.symbol}_${p.timeframe}_${p.chartTemplateId}.png`;
  return `${stepDirectory(p.runId, p.stepId)}/${fileName}`;
}

/** D1: `charts/<runId>/<stepId>/manifest.json`, overwritten on every run of the step. */
export function manifestObjectPath(runId: string, stepId: string): string {
  return `${stepDirectory(runId, stepId)}/manifest.json`;
}

function stepDirectory(runId: string, stepId: string): string {
  return `charts/${runId}/${stepId}`;
}
