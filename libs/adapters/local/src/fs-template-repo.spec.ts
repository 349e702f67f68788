import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { validateChartTemplate } from '@worker-chart-export/domain';
import { SEED_TEMPLATE_IDS } from '@worker-chart-export/domain/testing';
import { FsTemplateRepo } from './fs-template-repo.js';
import { TemplateSourceError } from './template-source-error.js';
import { useTempDir } from './testing/use-temp-dir.js';

const SEED_DIR = fileURLToPath(new URL('../../../../chart-templates/', import.meta.url));

describe('FsTemplateRepo', () => {
  const root = useTempDir('fs-template-repo');
  let dir: string;

  beforeEach(async () => {
    dir = join(root(), 'templates');
    await mkdir(dir);
  });

  it('returns the parsed JSON of <dir>/<id>.json with the file as its source', async () => {
    await writeFile(join(dir, 'ctpl_a_v1.json'), '{"id":"ctpl_a_v1","request":{"height":600}}');

    const record = await new FsTemplateRepo(dir).get('ctpl_a_v1');

    expect(record).toEqual({ id: 'ctpl_a_v1', source: join(dir, 'ctpl_a_v1.json'), data: { id: 'ctpl_a_v1', request: { height: 600 } } });
  });

  it('returns undefined when no file has that id', async () => {
    await expect(new FsTemplateRepo(dir).get('ctpl_absent_v1')).resolves.toBeUndefined();
  });

  it.each(['../secret', 'a/b', 'a\\b', '..', '.', '', 'x\u0000y', 'x'.repeat(201)])(
    'treats the unsafe id %j as not found without touching files outside the directory',
    async (id) => {
      // A file the unsafe id would reach if it were joined blindly.
      await writeFile(join(root(), 'secret.json'), '{"leaked":true}');

      await expect(new FsTemplateRepo(dir).get(id)).resolves.toBeUndefined();
    },
  );

  it('rejects with TemplateSourceError naming the id, path and parse error when the file is not JSON', async () => {
    await writeFile(join(dir, 'ctpl_bad_v1.json'), '{"id": "ctpl_bad_v1",\n}');
    const path = join(dir, 'ctpl_bad_v1.json');

    const result = new FsTemplateRepo(dir).get('ctpl_bad_v1');

    await expect(result).rejects.toBeInstanceOf(TemplateSourceError);
    await expect(result).rejects.toThrow(`template "ctpl_bad_v1" at ${path} is not valid JSON: `);
  });

  it('rejects with TemplateSourceError when the template path cannot be read as a file', async () => {
    await mkdir(join(dir, 'ctpl_dir_v1.json'));

    await expect(new FsTemplateRepo(dir).get('ctpl_dir_v1')).rejects.toThrow(/^template "ctpl_dir_v1" at .*ctpl_dir_v1\.json is not valid JSON: EISDIR/);
  });

  it('lists the ids of the *.json files, sorted, ignoring other and hidden files', async () => {
    await writeFile(join(dir, 'ctpl_b_v1.json'), '{}');
    await writeFile(join(dir, 'ctpl_a_v1.json'), '{}');
    await writeFile(join(dir, 'README.md'), '# templates');
    await writeFile(join(dir, '.ctpl_tmp.json'), '{}');

    await expect(new FsTemplateRepo(dir).listTemplateIds()).resolves.toEqual(['ctpl_a_v1', 'ctpl_b_v1']);
  });

  describe('the seed templates in chart-templates/', () => {
    const seeds = new FsTemplateRepo(SEED_DIR);

    it('are exactly the five upstream seeds', async () => {
      await expect(seeds.listTemplateIds()).resolves.toEqual(SEED_TEMPLATE_IDS);
    });

    it.each(SEED_TEMPLATE_IDS)('%s passes the domain template validation', async (id) => {
      const record = await seeds.get(id);
      if (record === undefined) throw new Error(`seed template ${id} not found`);

      const validation = validateChartTemplate(record, id);

      expect(validation).toMatchObject({ ok: true, template: { id } });
    });
  });
});
