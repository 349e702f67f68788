import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** Parses a JSON file given relative to the repository root. */
export function readRepoJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, relativePath), 'utf8')) as unknown;
}
