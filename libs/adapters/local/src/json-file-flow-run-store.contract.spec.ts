import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { describeFlowRunStoreContract } from '@worker-chart-export/domain/testing';
import { JsonFileFlowRunStore } from './json-file-flow-run-store.js';

describeFlowRunStoreContract('JsonFileFlowRunStore with write-back', async (document) => {
  const dir = await mkdtemp(join(tmpdir(), 'json-file-flow-run-store-contract-'));
  const file = join(dir, 'flow-run.json');
  await writeFile(file, JSON.stringify(document));
  const store = await JsonFileFlowRunStore.open(file, { writeBack: true });
  return {
    store,
    dispose: async () => {
      // What a change left in memory is what the file holds.
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(store.current());
      await rm(dir, { recursive: true, force: true });
    },
  };
});
