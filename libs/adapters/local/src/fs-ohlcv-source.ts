import { readFile } from 'node:fs/promises';
import { decodeOhlcvExportFile, parseGsUri, type OhlcvExportFile, type OhlcvSource } from '@worker-chart-export/domain';
import { FsBlobStore } from './fs-blob-store.js';
import { describeError, isErrnoCode } from './fs-errors.js';

/**
 * OHLCV export files of the embedded default: `gs://<bucket>/<object>` is read from
 * `<storageDir>/<bucket>/<object>`, where the local blob store keeps objects, and schema-checked.
 */
export class FsOhlcvSource implements OhlcvSource {
  private readonly files: FsBlobStore;

  constructor(storageDir: string) {
    this.files = new FsBlobStore(storageDir);
  }

  async read(gsUri: string): Promise<OhlcvExportFile> {
    const target = parseGsUri(gsUri);
    if (target === undefined) throw new Error(`OHLCV URI ${JSON.stringify(gsUri)} is not gs://<bucket>/<object>`);
    const file = this.files.filePath(target.bucket, target.objectPath);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const reason = isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR') ? 'no such file' : describeError(error);
      throw new Error(`cannot read OHLCV file ${gsUri} at ${file}: ${reason}`, { cause: error });
    }
    return decodeOhlcvExportFile(bytes, gsUri);
  }
}
