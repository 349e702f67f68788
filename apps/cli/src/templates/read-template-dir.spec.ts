import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { REPO_ROOT, tempDir } from '@worker-chart-export/testing';
import { readTemplateDir } from './read-template-dir.js';

const SEED = join(REPO_ROOT, 'chart-templates');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** A directory with the seed template `ctpl_price_ma1226_vol_v1` and `files` (name -> content). */
async function dirWith(files: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('cli-template-dir');
  cleanups.push(dir.cleanup);
  await copyFile(join(SEED, 'ctpl_price_ma1226_vol_v1.json'), join(dir.path, 'ctpl_price_ma1226_vol_v1.json'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir.path, name), content);
  return dir.path;
}

describe('readTemplateDir', () => {
  it('reads and validates every seed template, ignoring other files', async () => {
    const result = await readTemplateDir(SEED);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.map((template) => template.id)).toEqual([
      'ctpl_price_ma1226_bb_macd1226_v1',
      'ctpl_price_ma1226_vol_v1',
      'ctpl_price_psar_adi_v1',
      'ctpl_price_rsi14_stochrsi_v1',
      'ctpl_price_vpvr_obv_v1',
    ]);
    expect(result.value[1]?.data).toEqual(JSON.parse(await readFile(join(SEED, 'ctpl_price_ma1226_vol_v1.json'), 'utf8')));
  });

  it('fails the whole directory naming each bad file and the field at fault', async () => {
    const seed = JSON.parse(await readFile(join(SEED, 'ctpl_price_psar_adi_v1.json'), 'utf8')) as Record<string, unknown>;
    const dir = await dirWith({
      'ctpl_renamed_v1.json': JSON.stringify(seed),
      'ctpl_broken_v1.json': '{"id": ',
      'ctpl_symbol_v1.json': JSON.stringify({ ...seed, id: 'ctpl_symbol_v1', request: { ...(seed['request'] as object), symbol: 'BINANCE:BTCUSDT' } }),
    });
    const result = await readTemplateDir(dir);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toMatch(new RegExp(`^3 of 4 templates in ${dir} are invalid, nothing written: `));
    expect(message).toContain(`${join(dir, 'ctpl_renamed_v1.json')}: template "ctpl_renamed_v1": id "ctpl_price_psar_adi_v1" does not match`);
    expect(message).toMatch(/ctpl_broken_v1\.json is not valid JSON/);
    expect(message).toMatch(/ctpl_symbol_v1\.json: template "ctpl_symbol_v1": request\.symbol/);
    expect(message).not.toContain('\n');
  });

  it('refuses a directory that is missing or holds no template', async () => {
    const empty = await tempDir('cli-template-empty');
    cleanups.push(empty.cleanup);
    await mkdir(join(empty.path, 'sub'));
    expect(await readTemplateDir(join(empty.path, 'nope'))).toEqual({
      ok: false,
      message: `--templates-dir ${join(empty.path, 'nope')}: cannot read the directory (ENOENT)`,
    });
    expect(await readTemplateDir(empty.path)).toEqual({ ok: false, message: `--templates-dir ${empty.path} holds no *.json template: nothing to sync` });
  });
});
