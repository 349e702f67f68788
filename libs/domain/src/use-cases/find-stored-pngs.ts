import type { BlobStore } from '../ports/blob-store.js';
import type { EventLog } from '../ports/event-log.js';
import type { StepLease, StoredRender } from '../ports/step-lease-store.js';
import { parsePngObjectPath, stepObjectPrefix, type ChartExportStepInputs } from '../rules/index.js';
import { errorMessageOf } from './error-message-of.js';
import { LOG_EVENTS } from './log-events.js';

/** A PNG an earlier attempt stored; `kind` is known when the lease noted it, else read from the template. */
export type FoundPng = Omit<StoredRender, 'kind'> & { readonly kind?: string };

/** PNG names carry the worker's clock, the lease the database's: a little skew must not drop this run's PNGs. */
const CLOCK_SKEW_MS = 5_000;

/**
 * The PNGs earlier attempts of this run of the step stored, by chartTemplateId, found through the store itself:
 * objects `charts/<runId>/<stepId>/<YYYYMMDD-HHmmss>_<symbol>_<timeframe>_<chartTemplateId>.png` of this step's
 * requests. PNGs are stored before the lease notes them, so the store is the record that counts; the lease adds
 * the chart kind. Only a later attempt (a re-drive, or a take-over of an expired lease) looks: a first attempt
 * has nothing of its own to find, and PNGs left by an earlier run of the step (put back to READY since, maybe in
 * another Chart-IMG mode) are never reused — a PNG counts only when the lease noted it or it is no older than the
 * run's first attempt. When the listing fails, nothing is reused (rendering again is safe).
 */
export async function findStoredPngs(p: {
  blobs: BlobStore;
  bucket: string;
  inputs: ChartExportStepInputs;
  lease: StepLease;
  log: EventLog;
}): Promise<Map<string, FoundPng>> {
  const { inputs, lease } = p;
  const found = new Map<string, FoundPng>();
  if (lease.attempt <= 1 && lease.storedRenders.length === 0) return found;
  const directory = stepObjectPrefix(inputs.runId, inputs.stepId);
  let names: readonly string[];
  try {
    names = await p.blobs.list(p.bucket, directory);
  } catch (cause) {
    p.log.log('WARNING', LOG_EVENTS.pngLookupFailed, `could not list ${directory} in ${p.bucket}: ${errorMessageOf(cause)}; rendering every request`);
    return found;
  }
  const wanted = new Set(inputs.requests.map((request) => request.chartTemplateId));
  const noted = new Map(lease.storedRenders.map((render) => [render.objectPath, render]));
  const runStartedAt = (lease.firstClaimedAt ?? lease.claimedAt).getTime() - CLOCK_SKEW_MS;
  for (const objectPath of [...names].sort()) {
    const parsed = parsePngObjectPath(objectPath, inputs);
    if (parsed === undefined || !wanted.has(parsed.chartTemplateId)) continue;
    const note = noted.get(objectPath);
    if (note === undefined && (lease.attempt <= 1 || Date.parse(parsed.generatedAt) < runStartedAt)) continue;
    // Names sort by their timestamp: the latest PNG of a template wins.
    found.set(parsed.chartTemplateId, {
      chartTemplateId: parsed.chartTemplateId,
      objectPath,
      generatedAt: parsed.generatedAt,
      ...(note === undefined ? {} : { kind: note.kind }),
    });
  }
  return found;
}
