import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from '@jest/globals';

/**
 * Gives each test of the calling suite a fresh directory under the OS temp dir, removed after the test. Returns the
 * current test's path; the suite's own `beforeEach` hooks, declared after this call, already see it.
 */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  });
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (dir === undefined) throw new Error(`no ${prefix} temp dir outside a test`);
    return dir;
  };
}
