import type { ChartsOutputsManifest } from '../contracts/charts-outputs-manifest.schema.js';
import { formatIssues, validateChartsOutputsManifest } from '../contracts/validators.js';
import { domainError, type DomainError } from '../errors/error-codes.js';
import { gsUri, manifestObjectPath } from '../rules/index.js';
import type { ClaimedStep } from './claimed-step.js';
import { within } from './clock-timer.js';
import { LOG_EVENTS } from './log-events.js';
import { uploadWithinDeadline } from './upload-within-deadline.js';

export type ManifestWrite =
  | { readonly uri: string; readonly error?: undefined; readonly lost?: undefined }
  | { readonly error: DomainError; readonly uri?: undefined; readonly lost?: undefined }
  /** The lease was lost: nothing written, and the step must not be finalized by this execution. */
  | { readonly lost: true; readonly uri?: undefined; readonly error?: undefined };

/**
 * Writes `charts/<runId>/<stepId>/manifest.json` (schema-checked first), bounded by the step's manifest
 * deadline, and only while the lease is still this execution's: a worker that lost its lease must not
 * overwrite the manifest of the execution that took the step over.
 */
export async function writeManifest(step: ClaimedStep, manifest: ChartsOutputsManifest): Promise<ManifestWrite> {
  const { clock, blobs } = step.deps;
  const { log } = step;
  const objectPath = manifestObjectPath(manifest.runId, manifest.stepId);
  const uri = gsUri(step.settings.bucket, objectPath);
  const valid = validateChartsOutputsManifest(manifest);
  if (!valid.ok) {
    const error = domainError('MANIFEST_WRITE_FAILED', `manifest for ${uri} is not schema-valid: ${formatIssues(valid.issues)}`, { objectPath });
    log.log('ERROR', LOG_EVENTS.manifestWriteFailed, error.message, { error });
    return { error };
  }
  // The lease check is bounded too: a store that hangs here must not hold the step past its deadline.
  const leaseCheck = await within(
    clock,
    step.deadline.manifestBy,
    step.keeper.flush().then(() => step.keeper.confirm()),
  );
  if (leaseCheck.timedOut) {
    const error = domainError('MANIFEST_WRITE_FAILED', `did not write ${uri}: the lease could not be confirmed within the step deadline`, { objectPath });
    log.log('ERROR', LOG_EVENTS.manifestWriteFailed, error.message, { error });
    return { error };
  }
  if (!leaseCheck.value) return { lost: true };
  const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const upload = blobs.put({
    bucket: step.settings.bucket,
    path: objectPath,
    bytes,
    contentType: 'application/json',
    createOnly: false,
    cacheControl: 'no-cache',
  });
  const failure = await uploadWithinDeadline(clock, step.deadline.manifestBy, upload);
  if (failure !== undefined) {
    const error = domainError('MANIFEST_WRITE_FAILED', `could not write ${uri}: ${failure}`, { objectPath, cause: failure });
    log.log('ERROR', LOG_EVENTS.manifestWriteFailed, error.message, { error });
    return { error };
  }
  log.log('INFO', LOG_EVENTS.manifestWritten, `wrote ${uri}`, { gcs_uri: uri, itemsCount: manifest.items.length });
  return { uri };
}
