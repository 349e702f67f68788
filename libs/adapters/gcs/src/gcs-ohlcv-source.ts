import type { Storage } from '@google-cloud/storage';
import { decodeOhlcvExportFile, parseGsUri, type OhlcvExportFile, type OhlcvSource } from '@worker-chart-export/domain';

/**
 * OHLCV export files downloaded whole from Cloud Storage and schema-checked. A missing object, a failed
 * download or an invalid file rejects with a one-line Error naming the `gs://` URI.
 */
export class GcsOhlcvSource implements OhlcvSource {
  constructor(private readonly storage: Storage) {}

  async read(gsUri: string): Promise<OhlcvExportFile> {
    const target = parseGsUri(gsUri);
    if (target === undefined) throw new Error(`OHLCV URI ${JSON.stringify(gsUri)} is not gs://<bucket>/<object>`);
    let bytes: Buffer;
    try {
      [bytes] = await this.storage.bucket(target.bucket).file(target.objectPath).download();
    } catch (error) {
      throw new Error(`cannot read OHLCV file ${gsUri}: ${describeDownloadError(error)}`, { cause: error });
    }
    return decodeOhlcvExportFile(bytes, gsUri);
  }
}

function describeDownloadError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 404) return 'no such object';
  const text = typeof message === 'string' && message !== '' ? (message.split(/\r?\n/)[0] ?? message) : String(error);
  return typeof code === 'number' || typeof code === 'string' ? `${code}: ${text}` : text;
}
