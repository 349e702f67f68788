// Writes the mock Chart-IMG fixtures from the seed templates:
//   npx tsx tools/src/chart-png/generate-fixtures.ts [--check]
// Writes every file whose bytes differ. --check writes nothing and exits 1 when a committed fixture is
// missing or shows other pixels (a PNG re-encoded by another zlib build still passes).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFixtureSet, sameFixture } from './fixture-set.js';
import { FIXTURES_DIR, TEMPLATES_DIR } from './repo-paths.js';

const check = process.argv.includes('--check');
const files = await buildFixtureSet(TEMPLATES_DIR);
await mkdir(FIXTURES_DIR, { recursive: true });
let stale = 0;
for (const file of files) {
  const path = join(FIXTURES_DIR, file.name);
  const existing = await readFile(path).catch(() => undefined);
  const unchanged = existing !== undefined && (check ? sameFixture(existing, file) : existing.equals(file.bytes));
  if (unchanged) {
    console.log(`unchanged ${path}`);
    continue;
  }
  stale += 1;
  if (check) {
    console.log(`${existing === undefined ? 'missing' : 'differs'} ${path}`);
  } else {
    await writeFile(path, file.bytes);
    console.log(`wrote     ${path}`);
  }
}
if (check && stale > 0) {
  console.error(`${stale} fixture(s) out of date: run npx tsx tools/src/chart-png/generate-fixtures.ts`);
  process.exitCode = 1;
}
