import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTemplateRepoContract } from '@worker-chart-export/domain/testing';
import { FsTemplateRepo } from './fs-template-repo.js';

describeTemplateRepoContract('FsTemplateRepo', async (templates) => {
  const root = await mkdtemp(join(tmpdir(), 'fs-template-repo-contract-'));
  const dir = join(root, 'chart-templates');
  // A template beside the directory: an id climbing out of it would find this one.
  await writeFile(join(root, 'ctpl_price_ma1226_vol_v1.json'), '{"outside":true}');
  await mkdir(dir);
  for (const [id, data] of Object.entries(templates)) await writeFile(join(dir, `${id}.json`), JSON.stringify(data, null, 2));
  return {
    repo: new FsTemplateRepo(dir),
    spoil: (id) => writeFile(join(dir, `${id}.json`), '{"id": "broken",'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});
