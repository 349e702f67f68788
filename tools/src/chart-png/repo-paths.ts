import { join } from 'node:path';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** The seed templates. */
export const TEMPLATES_DIR = join(REPO_ROOT, 'chart-templates');

/** Where the mock Chart-IMG fixtures live (docs/design.md#chart-img-modes-and-fixtures). */
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures/chart-api/chart-img/advanced-chart-v2');
