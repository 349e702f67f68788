import type { ChartRequest } from '../contracts/flow-run.schema.js';
import { domainError } from '../errors/error-codes.js';
import type { EventLog } from '../ports/event-log.js';
import { gsUri, pngObjectPath, toRfc3339Utc, type ChartExportStepInputs, type RequestOutcome } from '../rules/index.js';
import type { ClaimedStep } from './claimed-step.js';
import type { DeferredSuccessAccounts } from './deferred-success-accounts.js';
import { errorMessageOf } from './error-message-of.js';
import { LOG_EVENTS } from './log-events.js';
import { uploadWithinDeadline } from './upload-within-deadline.js';

/**
 * Stores a rendered PNG create-only, then does the bookkeeping: the account's success record and the lease's
 * note. The bytes go first so that the only window in which a killed worker loses a paid render is the upload
 * itself; a later attempt finds the PNG in the store whether or not the lease learned of it. The upload is
 * bounded by the step's upload deadline.
 */
export async function storePng(
  step: ClaimedStep,
  p: { inputs: ChartExportStepInputs; request: ChartRequest; kind: string; bytes: Uint8Array; accounts: DeferredSuccessAccounts; log: EventLog },
): Promise<RequestOutcome> {
  const { clock, blobs } = step.deps;
  const { request, log } = p;
  const generatedAt = clock.now();
  const objectPath = pngObjectPath({ ...p.inputs, generatedAt, chartTemplateId: request.chartTemplateId });
  const uri = gsUri(step.settings.bucket, objectPath);
  const upload = blobs.put({ bucket: step.settings.bucket, path: objectPath, bytes: p.bytes, contentType: 'image/png', createOnly: true });
  const failure = await uploadWithinDeadline(clock, step.deadline.uploadsBy, upload);
  if (failure !== undefined) {
    return {
      type: 'failure',
      request,
      error: domainError('GCS_WRITE_FAILED', `could not store the PNG of ${request.chartTemplateId}: ${failure}`, { objectPath, cause: failure }),
    };
  }
  log.log('INFO', LOG_EVENTS.pngStored, `stored ${uri}`, { gcs_uri: uri, bytes: p.bytes.byteLength });
  await Promise.all([
    p.accounts.flush().catch((cause: unknown) => {
      log.log('WARNING', LOG_EVENTS.accountRecordFailed, `could not record the success of ${request.chartTemplateId} on its account: ${errorMessageOf(cause)}`);
    }),
    step.keeper.noteRender({ chartTemplateId: request.chartTemplateId, objectPath, generatedAt: toRfc3339Utc(generatedAt), kind: p.kind }),
  ]);
  return { type: 'item', request, kind: p.kind, generatedAt, pngGcsUri: uri };
}
