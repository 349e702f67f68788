import type { OhlcvExportFile } from '../contracts/ohlcv-file.schema.js';

export { decodeOhlcvExportFile, OhlcvExportFileSchema, OhlcvRowSchema, validateOhlcvExportFile } from '../contracts/ohlcv-file.schema.js';
export type { OhlcvExportFile, OhlcvRow } from '../contracts/ohlcv-file.schema.js';

/**
 * Reads the OHLCV export file an `OHLCV_EXPORT` step wrote (`gs://<bucket>/<object>`): from Cloud Storage
 * in the cloud, from `<storage-dir>/<bucket>/<object>` locally. Resolves the schema-checked file; a missing,
 * unreadable or invalid file rejects with an Error whose one-line message names the URI and the cause.
 */
export interface OhlcvSource {
  read(gsUri: string): Promise<OhlcvExportFile>;
}
export const OhlcvSource = Symbol.for('worker-chart-export.OhlcvSource');
