import { describe, expect, it } from '@jest/globals';
import { describeFirestoreTarget, resolveFirestoreTarget } from './resolve-firestore-target.js';

describe('resolveFirestoreTarget', () => {
  it('takes the project from --project over GOOGLE_CLOUD_PROJECT, the database from FIRESTORE_DATABASE', () => {
    expect(resolveFirestoreTarget('demo-flag', { GOOGLE_CLOUD_PROJECT: 'demo-env', FIRESTORE_DATABASE: 'charts' }, 'x')).toEqual({
      ok: true,
      value: { projectId: 'demo-flag', databaseId: 'charts' },
    });
    expect(resolveFirestoreTarget(undefined, { GOOGLE_CLOUD_PROJECT: 'demo-env' }, 'x')).toEqual({
      ok: true,
      value: { projectId: 'demo-env', databaseId: '(default)' },
    });
  });

  it('says who needs a project when none is configured', () => {
    expect(resolveFirestoreTarget(undefined, {}, 'templates sync')).toEqual({
      ok: false,
      message: 'templates sync needs a Google Cloud project: pass --project ID or set GOOGLE_CLOUD_PROJECT',
    });
  });

  it('names the source of a malformed project id and a malformed database id', () => {
    expect(resolveFirestoreTarget(undefined, { GOOGLE_CLOUD_PROJECT: 'x' }, 'sweep')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^GOOGLE_CLOUD_PROJECT "x" is not/),
    });
    expect(resolveFirestoreTarget('projects/p', {}, 'sweep')).toMatchObject({ ok: false, message: expect.stringMatching(/^--project "projects\/p" is not/) });
    expect(resolveFirestoreTarget('demo-p', { FIRESTORE_DATABASE: 'DB' }, 'sweep')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^FIRESTORE_DATABASE "DB"/),
    });
  });

  it('accepts domain-scoped project ids', () => {
    expect(resolveFirestoreTarget('example.com:my-project', {}, 'x')).toMatchObject({ ok: true, value: { projectId: 'example.com:my-project' } });
  });

  it('describes the target with the emulator when one is used', () => {
    const target = resolveFirestoreTarget('demo-p', { FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' }, 'x');
    if (!target.ok) throw new Error(target.message);
    expect(describeFirestoreTarget(target.value)).toBe('projects/demo-p/databases/(default) (emulator 127.0.0.1:8080)');
    expect(describeFirestoreTarget({ projectId: 'p-prod1', databaseId: 'charts' })).toBe('projects/p-prod1/databases/charts');
  });
});
