// Runs the hostile input corpus and writes docs/hostile-input.md: `npx tsx tools/src/hostile/write-table.ts`.
import { writeFile } from 'node:fs/promises';
import { HOSTILE_CORPUS } from './hostile-corpus.js';
import { HOSTILE_DOC_PATH } from './hostile-doc.js';
import { renderHostileTable } from './hostile-table.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { runHostileCorpus } from './run-hostile-corpus.js';

const verdicts = await runHostileCorpus(HOSTILE_CORPUS);
await writeFile(HOSTILE_DOC_PATH, renderHostileTable(HOSTILE_CORPUS, verdicts, KNOWN_FAILURES));
const failing = [...verdicts.values()].filter((v) => v.problems.length > 0);
const unexpected = failing.filter((v) => !Object.hasOwn(KNOWN_FAILURES, v.id));
console.log(`${HOSTILE_CORPUS.length} cases, ${failing.length} failing (${unexpected.length} not in KNOWN_FAILURES); wrote ${HOSTILE_DOC_PATH}`);
for (const v of failing) console.log(`${Object.hasOwn(KNOWN_FAILURES, v.id) ? 'known' : 'NEW  '} ${v.id}: ${v.problems.join('; ')}`);
