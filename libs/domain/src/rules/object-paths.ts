import { formatCompactUtc } from './format-compact-utc.js';

/** Cloud Storage's limit on an object name, in bytes of UTF-8. */
export const MAX_OBJECT_NAME_BYTES = 1024;

/** What names one PNG. The ids must already have passed the step's validation; this only assembles the path. */
export interface PngObjectPathParts {
  readonly runId: string;
  readonly stepId: string;
  readonly generatedAt: Date;
  readonly symbol: string;
  /** The flow's own timeframe string (`1M`, `4h`), not the Chart-IMG interval. */
  readonly timeframe: string;
  readonly chartTemplateId: string;
}

/** `charts/<runId>/<stepId>/<YYYYMMDD-HHmmss>_<symbol>_<timeframe>_<chartTemplateId>.png`. */
export function pngObjectPath(p: PngObjectPathParts): string {
  const fileName = `${formatCompactUtc(p.generatedAt)}_${p.symbol}_${p.timeframe}_${p.chartTemplateId}.png`;
  return `${stepObjectPrefix(p.runId, p.stepId)}${fileName}`;
}

/** `charts/<runId>/<stepId>/manifest.json`, overwritten on every run of the step. */
export function manifestObjectPath(runId: string, stepId: string): string {
  return `${stepObjectPrefix(runId, stepId)}manifest.json`;
}

/** The ids a step's object names are made of: every PNG's and the manifest's. */
export interface StepObjectNameParts {
  readonly runId: string;
  readonly stepId: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly chartTemplateIds: readonly string[];
}

/** The longest object name a step would write, and which request names it (none: the manifest). */
export interface LongestObjectName {
  readonly path: string;
  readonly bytes: number;
  /** Index into `chartTemplateIds` of the PNG with the longest name; undefined when the manifest's is longest. */
  readonly requestIndex?: number;
}

/**
 * The longest object name among the manifest and every PNG the step can write. The timestamp in a PNG name
 * has a fixed width, so any date gives the same length.
 */
export function longestObjectName(p: StepObjectNameParts): LongestObjectName {
  const manifest = manifestObjectPath(p.runId, p.stepId);
  let longest: LongestObjectName = { path: manifest, bytes: utf8Bytes(manifest) };
  p.chartTemplateIds.forEach((chartTemplateId, requestIndex) => {
    const path = pngObjectPath({ ...p, chartTemplateId, generatedAt: ANY_DATE });
    const bytes = utf8Bytes(path);
    if (bytes > longest.bytes) longest = { path, bytes, requestIndex };
  });
  return longest;
}

const ANY_DATE = new Date(Date.UTC(2000, 0, 1));
const encoder = new TextEncoder();

function utf8Bytes(text: string): number {
  return encoder.encode(text).byteLength;
}

/** `charts/<runId>/<stepId>/`: the prefix every object of the step is stored under. */
export function stepObjectPrefix(runId: string, stepId: string): string {
  return `charts/${runId}/${stepId}/`;
}

const COMPACT_UTC = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/;

/**
 * The reverse of {@link pngObjectPath} for one step's symbol and timeframe: the template and the instant in a
 * stored PNG's name (RFC 3339 UTC), or undefined for an object that is not such a PNG.
 */
export function parsePngObjectPath(
  objectPath: string,
  p: Omit<PngObjectPathParts, 'generatedAt' | 'chartTemplateId'>,
): { chartTemplateId: string; generatedAt: string } | undefined {
  const prefix = stepObjectPrefix(p.runId, p.stepId);
  if (!objectPath.startsWith(prefix)) return undefined;
  const name = objectPath.slice(prefix.length);
  const stamp = COMPACT_UTC.exec(name.slice(0, 15));
  const middle = `_${p.symbol}_${p.timeframe}_`;
  if (stamp === null || !name.endsWith('.png') || !name.startsWith(middle, 15)) return undefined;
  const [, year, month, day, hour, minute, second] = stamp;
  return {
    chartTemplateId: name.slice(15 + middle.length, -'.png'.length),
    generatedAt: `${year}-${month}-${day}T${hour}:${minute}:${second}Z`,
  };
}
