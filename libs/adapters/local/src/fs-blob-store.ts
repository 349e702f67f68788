import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BlobStore, BlobWrite } from '@worker-chart-export/domain';
import { TargetExistsError, writeFileAtomic } from './atomic-write.js';
import { describeError, isErrnoCode } from './fs-errors.js';

/**
 * Objects as files under `<storageDir>/<bucket>/<path>`. Writes are atomic
 * (temp file, fsync, rename or link); `createOnly` refuses to replace an existing object with
 * other bytes (the same bytes again are a success, as a retried GCS upload whose first answer was lost).
 * Only the bytes are stored: content type and cache control have no local meaning.
 */
export class FsBlobStore implements BlobStore {
  private readonly root: string;

  constructor(storageDir: string) {
    this.root = resolve(storageDir);
  }

  /** The local file that holds `gs://<bucket>/<path>`; throws when it would leave the storage directory. */
  filePath(bucket: string, path: string): string {
    const target = resolve(this.root, bucket, path);
    const bucketDir = resolve(this.root, bucket);
    const insideRoot = relative(this.root, bucketDir);
    const insideBucket = relative(bucketDir, target);
    if (
      bucket === '' ||
      insideRoot === '' ||
      insideRoot.includes(sep) ||
      insideRoot.startsWith('..') ||
      insideBucket === '' ||
      insideBucket.startsWith('..') ||
      isAbsolute(insideBucket) ||
      path.includes('\\') ||
      path.includes('\0') ||
      bucket.includes('\0')
    ) {
      throw new Error(`object gs://${bucket}/${path} would be stored outside ${this.root}: refused`);
    }
    return target;
  }

  async put(blob: BlobWrite): Promise<void> {
    const object = `gs://${blob.bucket}/${blob.path}`;
    const file = this.filePath(blob.bucket, blob.path);
    try {
      await mkdir(resolve(file, '..'), { recursive: true });
      await writeFileAtomic(file, blob.bytes, blob.createOnly ? 'refuse' : 'overwrite');
    } catch (error) {
      if (error instanceof TargetExistsError) {
        if (await holdsBytes(file, blob.bytes)) return;
        throw new Error(`cannot write ${object} to ${file}: the object already exists`, { cause: error });
      }
      throw new Error(`cannot write ${object} to ${file}: ${describeError(error)}`, { cause: error });
    }
  }

  async list(bucket: string, prefix: string): Promise<readonly string[]> {
    // Objects are files, so the listing walks the deepest directory the prefix names, then filters by name.
    const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const bucketDir = resolve(this.filePath(bucket, '_'), '..'); // checked like any object path
    const start = directory === '' ? bucketDir : this.filePath(bucket, directory);
    try {
      const names = await filesUnder(start, bucketDir);
      return names.filter((name) => name.startsWith(prefix)).sort();
    } catch (error) {
      throw new Error(`cannot list gs://${bucket}/${prefix} under ${start}: ${describeError(error)}`, { cause: error });
    }
  }

  async exists(bucket: string, path: string): Promise<boolean> {
    const file = this.filePath(bucket, path);
    try {
      // A directory is where objects under a longer name live, not an object.
      return (await stat(file)).isFile();
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return false;
      throw new Error(`cannot check gs://${bucket}/${path} at ${file}: ${describeError(error)}`, { cause: error });
    }
  }
}

/** Files under `directory`, as paths relative to `base` with `/` separators. */
async function filesUnder(directory: string, base: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = resolve(directory, entry.name);
      if (entry.isDirectory()) return filesUnder(full, base);
      // Temp files of writes in progress are not objects yet.
      return entry.isFile() && !entry.name.startsWith('.') ? [relative(base, full).split(sep).join('/')] : [];
    }),
  );
  return nested.flat();
}

async function holdsBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(bytes).equals(await readFile(file));
  } catch {
    return false;
  }
}
