import { join } from 'node:path';
import { parseGsUri, toPublicUrl, type RunChartExportStepResult } from '@worker-chart-export/domain';

export interface LocalStorage {
  /** Absent when the objects went to Cloud Storage (`--storage gcs`): their `gs://` URIs are printed instead. */
  readonly storageDir?: string;
  readonly bucket: string;
}

/** Where `run-local` put an object: `<storage-dir>/<bucket>/<object>`, or `gs://<bucket>/<object>`. */
export function localPathOf(storage: LocalStorage, objectPath: string): string {
  return storage.storageDir === undefined ? `gs://${storage.bucket}/${objectPath}` : join(storage.storageDir, storage.bucket, objectPath);
}

/**
 * The `--output-summary text` report: the outcome line, then the local files of the manifest and
 * PNGs and the manifest's public URL.
 */
export function formatTextSummary(result: RunChartExportStepResult, storage: LocalStorage): string {
  if (result.status === 'NOOP') {
    return [
      `CHART_EXPORT NOOP (${result.reason}): ${result.message}`,
      `  run:      ${result.runId}${result.stepId === undefined ? '' : `  step: ${result.stepId}`}`,
    ].join('\n');
  }
  const manifestUri = result.outputsManifestGcsUri;
  const lines = [
    `CHART_EXPORT ${result.status}: manifest=${manifestUri ?? '(not written)'}, items=${result.itemsCount}, failures=${result.failuresCount}, minImages=${result.minImages}`,
    `  run:      ${result.runId}  step: ${result.stepId}  charts API: ${result.chartsApiMode}`,
  ];
  const manifestObject = manifestUri === undefined ? undefined : parseGsUri(manifestUri);
  if (manifestUri !== undefined && manifestObject !== undefined) {
    lines.push(`  manifest: ${localPathOf(storage, manifestObject.objectPath)}`);
    lines.push(`  public:   ${toPublicUrl(manifestUri)}`);
  }
  lines.push(`  PNGs (${result.pngObjectPaths.length}):`);
  for (const objectPath of result.pngObjectPaths) lines.push(`    ${localPathOf(storage, objectPath)}`);
  if (result.error !== undefined) lines.push(`  error:    ${result.error.code}: ${result.error.message}`);
  return lines.join('\n');
}
