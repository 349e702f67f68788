import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the generator works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The seed templates. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../chart-templates/', import.meta.url));

/** Where the mock Chart-IMG fixtures live (DECISIONS D8). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/chart-api/chart-img/advanced-chart-v2/', import.meta.url));
