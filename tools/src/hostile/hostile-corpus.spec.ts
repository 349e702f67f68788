import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CaseVerdict, HostileArea } from './hostile-case.js';
import { HOSTILE_CORPUS } from './hostile-corpus.js';
import { HOSTILE_DOC_COMMAND, HOSTILE_DOC_PATH } from './hostile-doc.js';
import { renderHostileTable } from './hostile-table.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { runHostileCorpus } from './run-hostile-corpus.js';

const AREAS: readonly HostileArea[] = ['flow_run', 'template', 'accounts', 'cli', 'cloudevent'];
const expectedToPass = HOSTILE_CORPUS.filter((c) => !Object.hasOwn(KNOWN_FAILURES, c.id));
const knownFailing = HOSTILE_CORPUS.filter((c) => Object.hasOwn(KNOWN_FAILURES, c.id));

let verdicts: Map<string, CaseVerdict>;
const verdictOf = (id: string): CaseVerdict => {
  const verdict = verdicts.get(id);
  if (verdict === undefined) throw new Error(`case ${id} was not run`);
  return verdict;
};

// Every case runs once up front (the CLI and worker cases spawn real processes); the tests read the verdicts.
beforeAll(async () => {
  verdicts = await runHostileCorpus(HOSTILE_CORPUS);
}, 300_000);

describe('the hostile input corpus', () => {
  it('holds at least 60 cases with unique ids across every area', () => {
    const ids = HOSTILE_CORPUS.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of AREAS) expect(HOSTILE_CORPUS.filter((c) => c.area === area).length).toBeGreaterThanOrEqual(5);
  });

  it('lists only existing cases as known failures', () => {
    const ids = new Set(HOSTILE_CORPUS.map((c) => c.id));
    expect(Object.keys(KNOWN_FAILURES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(expectedToPass.map((c) => [c.id, c.description] as const))('%s (%s) ends as expected', (id) => {
    expect(verdictOf(id).problems).toEqual([]);
  });

  if (knownFailing.length > 0) {
    it.each(knownFailing.map((c) => [c.id, KNOWN_FAILURES[c.id] ?? ''] as const))(
      '%s still fails (known bug: %s); once fixed, remove it from KNOWN_FAILURES',
      (id) => {
        expect(verdictOf(id).problems).not.toEqual([]);
      },
    );
  }

  it(`docs/hostile-input.md matches the corpus and its results (regenerate: ${HOSTILE_DOC_COMMAND})`, async () => {
    const written = await readFile(HOSTILE_DOC_PATH, 'utf8');
    expect(written).toBe(renderHostileTable(HOSTILE_CORPUS, verdicts, KNOWN_FAILURES));
  });
});
