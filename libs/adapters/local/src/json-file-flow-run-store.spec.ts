import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { validateFlowRun, type StepFinalization } from '@worker-chart-export/domain';
import { FlowRunFileError } from './flow-run-file-error.js';
import { JsonFileFlowRunStore } from './json-file-flow-run-store.js';
import { useTempDir } from './testing/use-temp-dir.js';

const EXAMPLE = fileURLToPath(new URL('../../../../fixtures/flow-runs/example-ready.json', import.meta.url));
const RUN_ID = '20251215-102530_BTCUSDT_k3f7a';
const STEP_ID = 'charts:1h:all_templates';
const MANIFEST_URI = `gs://charts-local/charts/${RUN_ID}/${STEP_ID}/manifest.json`;

type Step = Record<string, unknown>;
type Doc = { updatedAt?: string; steps: Record<string, Step> };

/** The step of `doc`; fails the test when it is missing. */
const stepOf = (doc: unknown, stepId = STEP_ID): Step => {
  const step = (doc as Doc).steps[stepId];
  if (step === undefined) throw new Error(`no step ${stepId}`);
  return step;
};

/** Outputs with extra fields (the port's type lists only the known ones; the schema allows more). */
const outputs = (value: Record<string, unknown>): StepFinalization['outputs'] => value as StepFinalization['outputs'];

const succeeded = (at = '2025-12-15T10:26:15.512Z'): StepFinalization => ({
  status: 'SUCCEEDED',
  finishedAt: new Date(at),
  outputs: { outputsManifestGcsUri: MANIFEST_URI },
});

describe('JsonFileFlowRunStore', () => {
  const dir = useTempDir('json-file-flow-run-store');
  let file: string;

  beforeEach(async () => {
    file = join(dir(), 'flow-run.json');
    await copyFile(EXAMPLE, file);
  });

  const open = (writeBack = false): Promise<JsonFileFlowRunStore> => JsonFileFlowRunStore.open(file, { writeBack });
  const onDisk = async (): Promise<Doc> => JSON.parse(await readFile(file, 'utf8')) as Doc;

  describe('open', () => {
    const expectFileError = async (kind: string, message: RegExp): Promise<void> => {
      const opened = open();
      await expect(opened).rejects.toBeInstanceOf(FlowRunFileError);
      await expect(opened).rejects.toMatchObject({ kind, path: file });
      await expect(opened).rejects.toThrow(message);
    };

    it('rejects a missing file as missing', async () => {
      await rm(file);
      await expectFileError('missing', /^flow_run file .*flow-run\.json does not exist$/);
    });

    it('rejects a path that cannot be read as a file as unreadable', async () => {
      await rm(file);
      await mkdir(file);
      await expectFileError('unreadable', /^cannot read flow_run file .*flow-run\.json: EISDIR/);
    });

    it('rejects a file that is not JSON with a one-line message naming the bad token, not quoting the file', async () => {
      await writeFile(file, '{"runId":\n  nope\n}');
      await expectFileError('not-json', /^flow_run file .*flow-run\.json is not valid JSON: Unexpected token 'o'$/);
    });

    it('names where the JSON breaks as line and column, in the same words on every Node.js version', async () => {
      await writeFile(file, '{"runId": "x",\n  "steps": {');
      await expectFileError('not-json', /^flow_run file .*flow-run\.json is not valid JSON: Expected property name or '}' at line 2, column 13$/);
    });

    it('rejects a file over 1 MiB as too-large without parsing it', async () => {
      await writeFile(file, `{"steps": {}, "pad": "${'x'.repeat(1024 * 1024)}"}`);
      await expectFileError('too-large', /^flow_run file .*flow-run\.json is larger than 1048576 bytes$/);
    });

    it('accepts a file of exactly 1 MiB', async () => {
      const head = '{"steps": {}, "pad": "';
      await writeFile(file, `${head}${'x'.repeat(1024 * 1024 - head.length - 2)}"}`);
      await expect(open()).resolves.toBeInstanceOf(JsonFileFlowRunStore);
    });

    it('rejects nesting 10,000 deep as too-deep, with one line and no stack overflow', async () => {
      const example = JSON.parse(await readFile(EXAMPLE, 'utf8')) as Record<string, unknown>;
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      await writeFile(file, JSON.stringify({ ...example, scope: { symbol: 'BTCUSDT' } }).replace('"scope":{', `"scope":{"extra":${deep},`));
      await expectFileError('too-deep', /^flow_run file .*flow-run\.json nests objects or arrays more than 64 levels deep$/);
    });

    it('accepts nesting of exactly 64 levels (the document itself is the first)', async () => {
      await writeFile(file, `{"steps": {}, "x": ${'['.repeat(63)}${']'.repeat(63)}}`);
      await expect(open()).resolves.toBeInstanceOf(JsonFileFlowRunStore);
      await writeFile(file, `{"steps": {}, "x": ${'['.repeat(64)}${']'.repeat(64)}}`);
      await expectFileError('too-deep', /more than 64 levels deep$/);
    });

    it.each([
      ['an array', '[]'],
      ['a string', '"flow"'],
      ['null', 'null'],
      ['an object without steps', '{"runId":"x"}'],
      ['an object whose steps is an array', '{"steps":[]}'],
      ['an object whose steps is null', '{"steps":null}'],
    ])('rejects %s as not-an-object', async (_label, text) => {
      await writeFile(file, text);
      await expectFileError('not-an-object', /is not a JSON object whose "steps" is an object$/);
    });
  });

  it('loads a copy of the document when the runId matches, and nothing otherwise', async () => {
    const store = await open();

    const loaded = (await store.load(RUN_ID)) as Doc;
    stepOf(loaded)['status'] = 'FAILED';

    expect(validateFlowRun(loaded).ok).toBe(true);
    await expect(store.load('20251215-102530_BTCUSDT_other')).resolves.toBeUndefined();
    expect(stepOf(await store.load(RUN_ID))['status']).toBe('READY');
  });

  describe('claim', () => {
    it('moves a READY step to RUNNING and stamps updatedAt', async () => {
      const store = await open();

      await expect(store.claim(RUN_ID, STEP_ID, new Date('2025-12-15T10:26:12.345Z'))).resolves.toEqual({ type: 'claimed' });

      const doc = store.current() as Doc;
      expect(stepOf(doc)['status']).toBe('RUNNING');
      expect(doc.updatedAt).toBe('2025-12-15T10:26:12Z');
      expect(validateFlowRun(doc).ok).toBe(true);
    });

    it('answers not-ready with the status when the step is not READY', async () => {
      const store = await open();
      await store.claim(RUN_ID, STEP_ID, new Date());

      await expect(store.claim(RUN_ID, STEP_ID, new Date())).resolves.toEqual({ type: 'not-ready', status: 'RUNNING' });
      await expect(store.claim(RUN_ID, 'ohlcv_export:1h', new Date())).resolves.toEqual({ type: 'not-ready', status: 'SUCCEEDED' });
    });

    it('answers not-ready without a status for an unknown step or another run', async () => {
      const store = await open();

      await expect(store.claim(RUN_ID, 'charts:1d:nope', new Date())).resolves.toEqual({ type: 'not-ready', status: undefined });
      await expect(store.claim('20251215-102530_BTCUSDT_other', STEP_ID, new Date())).resolves.toEqual({
        type: 'not-ready',
        status: undefined,
      });
      await expect(store.claim(RUN_ID, 'toString', new Date())).resolves.toEqual({ type: 'not-ready', status: undefined });
    });

    it('leaves the file alone without writeBack', async () => {
      const before = await readFile(file, 'utf8');
      const store = await open(false);

      await store.claim(RUN_ID, STEP_ID, new Date());
      await store.finalize(RUN_ID, STEP_ID, succeeded());

      await expect(readFile(file, 'utf8')).resolves.toBe(before);
    });
  });

  describe('finalize', () => {
    it('moves a RUNNING step to SUCCEEDED with finishedAt, outputs merged over existing ones and no error', async () => {
      const store = await open();
      const doc = store.current() as Doc;
      expect(stepOf(doc)['outputs']).toEqual({});
      await store.claim(RUN_ID, STEP_ID, new Date('2025-12-15T10:26:12Z'));

      const result = await store.finalize(RUN_ID, STEP_ID, {
        ...succeeded(),
        outputs: outputs({ outputsManifestGcsUri: MANIFEST_URI, usage: { calls: 0, succeeded: 0, failed: 0, replayed: 0, byAccount: {} } }),
      });

      expect(result).toEqual({ type: 'written' });
      const after = store.current() as Doc;
      expect(after.steps[STEP_ID]).toMatchObject({
        status: 'SUCCEEDED',
        finishedAt: '2025-12-15T10:26:15Z',
        outputs: outputs({ outputsManifestGcsUri: MANIFEST_URI, usage: { calls: 0, succeeded: 0, failed: 0, replayed: 0, byAccount: {} } }),
      });
      expect(after.steps[STEP_ID]).not.toHaveProperty('error');
      expect(after.updatedAt).toBe('2025-12-15T10:26:15Z');
      expect(validateFlowRun(after).ok).toBe(true);
    });

    it('keeps outputs the step already had unless the result replaces them', async () => {
      await writeFile(file, JSON.stringify({ runId: RUN_ID, steps: { [STEP_ID]: { status: 'RUNNING', outputs: { keep: 1, replace: 'old' } } } }));
      const store = await open();

      await store.finalize(RUN_ID, STEP_ID, { ...succeeded(), outputs: outputs({ replace: 'new' }) });

      expect(stepOf(store.current())['outputs']).toEqual({ keep: 1, replace: 'new' });
    });

    it('moves a RUNNING step to FAILED with the error', async () => {
      const store = await open();
      await store.claim(RUN_ID, STEP_ID, new Date());
      const error = { code: 'VALIDATION_FAILED', message: '2 of 5 charts rendered, minImages=3', details: { VALIDATION_FAILED: 3 } };

      await store.finalize(RUN_ID, STEP_ID, { status: 'FAILED', finishedAt: new Date('2025-12-15T10:26:15Z'), outputs: {}, error });

      const step = stepOf(store.current());
      expect(step).toMatchObject({ status: 'FAILED', error });
      expect(validateFlowRun(store.current()).ok).toBe(true);
    });

    it('drops an earlier error when the step succeeds', async () => {
      await writeFile(file, JSON.stringify({ runId: RUN_ID, steps: { [STEP_ID]: { status: 'RUNNING', outputs: {}, error: { code: 'X', message: 'old' } } } }));
      const store = await open();

      await store.finalize(RUN_ID, STEP_ID, succeeded());

      expect((store.current() as Doc).steps[STEP_ID]).not.toHaveProperty('error');
    });

    it('is a no-op answering unchanged when repeated, or when the step is not RUNNING', async () => {
      const store = await open();
      await expect(store.finalize(RUN_ID, STEP_ID, succeeded())).resolves.toEqual({ type: 'unchanged', status: 'READY' });
      await store.claim(RUN_ID, STEP_ID, new Date());
      await store.finalize(RUN_ID, STEP_ID, succeeded('2025-12-15T10:26:15Z'));

      const again = await store.finalize(RUN_ID, STEP_ID, { ...succeeded('2025-12-15T11:00:00Z'), outputs: outputs({ other: true }) });

      expect(again).toEqual({ type: 'unchanged', status: 'SUCCEEDED' });
      expect((store.current() as Doc).steps[STEP_ID]).toMatchObject({ finishedAt: '2025-12-15T10:26:15Z', outputs: { outputsManifestGcsUri: MANIFEST_URI } });
    });
  });

  describe('with writeBack', () => {
    it('writes the whole document back after claim and after finalize', async () => {
      const store = await open(true);

      await store.claim(RUN_ID, STEP_ID, new Date('2025-12-15T10:26:12Z'));
      expect(stepOf(await onDisk())['status']).toBe('RUNNING');

      await store.finalize(RUN_ID, STEP_ID, succeeded());
      const doc = await onDisk();
      expect(doc).toEqual(store.current());
      expect(doc.steps[STEP_ID]).toMatchObject({ status: 'SUCCEEDED', outputs: { outputsManifestGcsUri: MANIFEST_URI } });
      expect(validateFlowRun(doc).ok).toBe(true);
      await expect(readdir(dir())).resolves.toEqual(['flow-run.json']);
    });

    it('writes nothing when claim or finalize changes nothing', async () => {
      await writeFile(file, JSON.stringify({ runId: RUN_ID, steps: { [STEP_ID]: { status: 'PENDING' } } }));
      const store = await open(true);

      await store.claim(RUN_ID, STEP_ID, new Date());
      await store.finalize(RUN_ID, STEP_ID, succeeded());

      await expect(readFile(file, 'utf8')).resolves.toBe(JSON.stringify({ runId: RUN_ID, steps: { [STEP_ID]: { status: 'PENDING' } } }));
    });

    it('rejects with the path when the file can no longer be written', async () => {
      const store = await open(true);
      await rm(dir(), { recursive: true, force: true });

      await expect(store.claim(RUN_ID, STEP_ID, new Date())).rejects.toThrow(`cannot write flow_run file ${file}: ENOENT`);
    });
  });
});
