import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** Where the generated table lives. */
export const HOSTILE_DOC_PATH = join(REPO_ROOT, 'docs/hostile-input.md');

/** The command that regenerates it. */
export const HOSTILE_DOC_COMMAND = 'npx tsx tools/src/hostile/write-table.ts';
