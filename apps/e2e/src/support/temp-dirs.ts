import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary directories created by a suite, removed together in its `afterAll`. */
export class TempDirs {
  private readonly paths: string[] = [];

  /** A fresh, empty directory under the OS temp dir. */
  async make(prefix: string): Promise<string> {
    const path = await mkdtemp(join(tmpdir(), `e2e-${prefix}-`));
    this.paths.push(path);
    return path;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.paths.splice(0).map((path) => rm(path, { recursive: true, force: true })));
  }
}
