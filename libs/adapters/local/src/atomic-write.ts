import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrnoCode } from './fs-errors.js';

/** What to do when the target already exists. */
export type ExistingTarget = 'overwrite' | 'refuse';

/** Thrown by {@link writeFileAtomic} with `existing: 'refuse'` when the target is already there. */
export class TargetExistsError extends Error {
  override readonly name = 'TargetExistsError';
  constructor(readonly path: string) {
    super(`${path} already exists`);
  }
}

/**
 * Writes `bytes` to `path` whole or not at all: a temp file in the same directory is
 * written and fsynced, then renamed over the target (`overwrite`) or hard-linked to it
 * (`refuse`: `link` fails with EEXIST instead of replacing). The temp file never survives.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, existing: ExistingTarget): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let tempExists = false;
  try {
    const handle = await open(temp, 'wx');
    tempExists = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing === 'overwrite') {
      await rename(temp, path);
      tempExists = false;
      return;
    }
    try {
      await link(temp, path);
    } catch (error) {
      if (isErrnoCode(error, 'EEXIST')) throw new TargetExistsError(path);
      throw error;
    }
  } finally {
    if (tempExists) await unlink(temp).catch(() => undefined);
  }
}
