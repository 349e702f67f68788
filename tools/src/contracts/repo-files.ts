import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location (tools/src/contracts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Parses a JSON file given relative to the repository root. */
export function readRepoJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, relativePath), 'utf8')) as unknown;
}
