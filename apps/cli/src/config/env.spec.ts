import { describe, expect, it } from '@jest/globals';
import { rejectBlankFlags } from './env.js';

interface Flags {
  readonly accountsConfigPath?: string;
  readonly project?: string;
  readonly timeoutMs?: string;
  readonly json: boolean;
}

describe('rejectBlankFlags', () => {
  it('passes flags that are absent or hold text', () => {
    const flags: Flags = { project: 'p', json: true };
    expect(rejectBlankFlags(flags, ['accountsConfigPath', 'project', 'timeoutMs'])).toEqual({ ok: true, value: flags });
  });

  it('names the first blank flag of the list in its --kebab-case form', () => {
    const flags: Flags = { accountsConfigPath: '', project: ' ', timeoutMs: '\t', json: false };
    expect(rejectBlankFlags(flags, ['accountsConfigPath', 'project', 'timeoutMs'])).toEqual({ ok: false, message: '--accounts-config-path must not be empty' });
    expect(rejectBlankFlags(flags, ['timeoutMs', 'project'])).toEqual({ ok: false, message: '--timeout-ms must not be empty' });
    expect(rejectBlankFlags(flags, ['project'])).toEqual({ ok: false, message: '--project must not be empty' });
  });

  it('checks only the flags listed', () => {
    expect(rejectBlankFlags<Flags>({ project: '', json: false }, ['accountsConfigPath'])).toMatchObject({ ok: true });
  });
});
