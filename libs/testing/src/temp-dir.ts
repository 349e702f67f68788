import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory and its cleanup. */
export async function tempDir(prefix: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Temporary directories created by a suite, removed together in its `afterAll`. */
export class TempDirs {
  private readonly cleanups: Array<() => Promise<void>> = [];

  /** A fresh, empty directory under the OS temp dir. */
  async make(prefix: string): Promise<string> {
    const dir = await tempDir(prefix);
    this.cleanups.push(dir.cleanup);
    return dir.path;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.cleanups.splice(0).map((cleanup) => cleanup()));
  }
}
