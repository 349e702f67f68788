import { describe, expect, it } from '@jest/globals';
import { loadAccounts } from './load-accounts.js';

const secretKey = 'sk-secret-1234567890';
const good = JSON.stringify([{ id: 'acc1', apiKey: secretKey, plan: 'PRO' }]);
const readerOf = (files: Record<string, string>) => async (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
  return text;
};

describe('loadAccounts', () => {
  it('yields no accounts when none are configured', async () => {
    await expect(loadAccounts({ from: 'none' }, { requireOne: false })).resolves.toEqual({ ok: true, value: [] });
  });

  it('parses the file with defaults applied', async () => {
    const result = await loadAccounts({ from: 'file', path: 'a.json' }, { requireOne: true }, readerOf({ 'a.json': good }));
    expect(result).toEqual({ ok: true, value: [{ id: 'acc1', apiKey: secretKey, plan: 'PRO', dailyLimit: 44, priority: 100 }] });
  });

  it('parses CHART_IMG_ACCOUNTS_JSON the same way', async () => {
    const result = await loadAccounts({ from: 'env', json: good }, { requireOne: true });
    expect(result.ok && result.value.map((a) => a.id)).toEqual(['acc1']);
  });

  it('names the file when it cannot be read', async () => {
    const result = await loadAccounts({ from: 'file', path: 'missing.json' }, { requireOne: false }, readerOf({}));
    expect(result).toEqual({ ok: false, message: '--accounts-config-path missing.json: cannot read the file (ENOENT)' });
  });

  it('names the bad entry without printing its key', async () => {
    const bad = JSON.stringify([{ id: 'acc1', apiKey: secretKey, plan: 'GOLD' }]);
    const result = await loadAccounts({ from: 'file', path: 'a.json' }, { requireOne: false }, readerOf({ 'a.json': bad }));
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toMatch(/^--accounts-config-path a\.json: accounts\[0\].*acc1.*plan/);
    expect(message).not.toContain(secretKey);
  });

  it('names CHART_IMG_ACCOUNTS_JSON when the variable is not JSON', async () => {
    const result = await loadAccounts({ from: 'env', json: `{${secretKey}` }, { requireOne: false });
    expect(result.ok ? '' : result.message).toMatch(/^CHART_IMG_ACCOUNTS_JSON: accounts config is not valid JSON/);
    expect(result.ok ? '' : result.message).not.toContain(secretKey);
  });

  it('rejects an empty list when an account is required', async () => {
    await expect(loadAccounts({ from: 'env', json: '[]' }, { requireOne: true })).resolves.toEqual({
      ok: false,
      message: 'CHART_IMG_ACCOUNTS_JSON: lists no account; real and record mode need at least one',
    });
    await expect(loadAccounts({ from: 'env', json: '[]' }, { requireOne: false })).resolves.toEqual({ ok: true, value: [] });
  });
});
