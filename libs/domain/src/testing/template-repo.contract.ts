import type { TemplateRepo } from '../ports/template-repo.js';
import { aTemplate } from './builders.js';
import { contractGlobals, withFresh } from './contract-globals.js';

/**
 * What a contract run needs from an adapter: a repo holding exactly `templates` (raw documents by id), and, for a
 * store where a template can exist yet be unreadable (a file of broken JSON), `spoil(id)`, which makes it so.
 */
export type TemplateRepoFactory = (templates: Record<string, Record<string, unknown>>) => Promise<{
  repo: TemplateRepo;
  spoil?: (id: string) => Promise<void>;
  dispose?: () => Promise<void>;
}>;

const ID = 'ctpl_price_ma1226_vol_v1';
const OTHER_ID = 'ctpl_price_psar_adi_v1';
const TEMPLATES = {
  [ID]: aTemplate(ID, { request: { height: 600, style: 'candle', studies: [{ name: 'Volume', input: { length: 20 } }], drawings: [] } }),
  // Stored as it is, even when the domain would refuse it.
  [OTHER_ID]: { id: 'a-different-id', unexpected: [1, 'two', { three: true }] },
};

/**
 * The behaviour every {@link TemplateRepo} shares, as a jest suite: stored documents as they are, copies, missing
 * and unaddressable ids, and, for a store whose factory can `spoil` a template, unreadable sources.
 */
export function describeTemplateRepoContract(name: string, factory: TemplateRepoFactory): void {
  const { describe, it, expect } = contractGlobals('describeTemplateRepoContract');
  const withRepo = (body: (subject: Awaited<ReturnType<TemplateRepoFactory>>) => Promise<void>) => withFresh(() => factory(structuredClone(TEMPLATES)), body);

  describe(`${name} (TemplateRepo contract)`, () => {
    it(
      'answers a stored template as it is, under the id asked for, with a source holding the id',
      withRepo(async ({ repo }) => {
        const record = await repo.get(ID);

        expect(record).toMatchObject({ id: ID, data: TEMPLATES[ID] });
        expect(typeof record?.source).toBe('string');
        expect(record?.source).toContain(ID);
        await expect(repo.get(OTHER_ID)).resolves.toMatchObject({ id: OTHER_ID, data: TEMPLATES[OTHER_ID] });
      }),
    );

    it(
      'hands out copies: changing an answer does not change the next one',
      withRepo(async ({ repo }) => {
        const first = await repo.get(ID);
        (first?.data as Record<string, unknown>)['description'] = 'changed';

        await expect(repo.get(ID)).resolves.toMatchObject({ data: TEMPLATES[ID] });
      }),
    );

    it(
      'answers undefined for an id no template has',
      withRepo(async ({ repo }) => {
        await expect(repo.get('ctpl_missing_v1')).resolves.toBeUndefined();
        await expect(repo.get(`${ID}_v2`)).resolves.toBeUndefined();
      }),
    );

    it(
      'answers undefined for ids that cannot name a template here, never looking elsewhere',
      withRepo(async ({ repo }) => {
        for (const id of ['', '.', '..', `../${ID}`, `x/../${ID}`, `${ID}/`, '__proto__', 'constructor', 'toString']) {
          await expect(repo.get(id)).resolves.toBeUndefined();
        }
      }),
    );

    it(
      'rejects for a template that exists but cannot be read, naming it (where the store can hold one)',
      withRepo(async ({ repo, spoil }) => {
        // A store without `spoil` holds only readable documents: every template it has is answered.
        if (spoil === undefined) {
          await expect(Promise.all([repo.get(ID), repo.get(OTHER_ID)])).resolves.toMatchObject([{ id: ID }, { id: OTHER_ID }]);
          return;
        }
        await spoil(ID);

        const read = repo.get(ID);
        await expect(read).rejects.toBeInstanceOf(Error);
        await expect(read).rejects.toThrow(ID);
        await expect(repo.get(OTHER_ID)).resolves.toMatchObject({ id: OTHER_ID });
      }),
    );
  });
}
