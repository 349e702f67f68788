// "Quota never spent twice": the built worker process is SIGKILLed at each point of a
// 5-request step, then a fresh worker recovers the step (a new event after the lease TTL, or POST /sweep).
// Kill points are made deterministic by the fakes, never by sleeps: the Chart-IMG spy, the fake GCS and
// the gRPC proxy in front of the Firestore emulator each kill the victim synchronously when the exact
// request of its point arrives, and never answer it.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import type { ChartImgAccount } from '@worker-chart-export/domain';
import { createFirestore, leaseDocumentId, LEASES_COLLECTION } from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { startFakeGcs, type FakeGcs } from '@worker-chart-export/tools/fake-gcs/index.js';
import { startGrpcProxy, type GrpcProxy, type GrpcVerdict } from '@worker-chart-export/tools/tcp-proxy/index.js';
import { startChartImgSpy, type ChartImgSpy, type SpyHook } from './support/chart-img-spy.js';
import { BUCKET, chartStep, seedTemplates, storeTemplates, type ChartStep } from './support/chart-step.js';
import { ScenarioTable } from './support/scenario-table.js';
import { readStoredOutputs, type StoredOutputs } from './support/stored-outputs.js';
import { buildWorkerBundle, startWorker, type WorkerProcess } from './support/worker-process.js';

const PROJECT = 'demo-reliability-crash';
const LEASE_TTL_MS = 5_000;
const STEP_DEADLINE_MS = 4_000;
const KILL_TIMEOUT_MS = 30_000;
/** Longer than the database's expiry of a dead worker's open transaction (about 60 s), with room for the rest. */
const SWEEP_ANSWER_TIMEOUT_MS = 150_000;
const TEMPLATES = seedTemplates();
const TEMPLATE_IDS = TEMPLATES.map((t) => t.id);

/** How one kill point is reached, and what recovery must then do. */
interface KillPoint {
  readonly key: string;
  readonly point: string;
  readonly injected: string;
  readonly recovery: 'event' | 'sweep';
  /** PNGs stored (and recorded in the lease) when the victim dies: the recovery reuses them. */
  readonly storedAtKill: number;
  /** Installs the point's trigger: `kill` SIGKILLs the victim; `firstAnswer` settles with the first event reply. */
  readonly arm: (step: ChartStep, kill: () => void, firstAnswer: Promise<unknown>) => void;
  /** Copies of the event posted at once (default 1). */
  readonly copies?: number;
  /** Set for a kill point that exposes a bug: the case is kept as `it.failing`. */
  readonly knownBug?: string;
  /**
   * false when the victim may die before its last call is counted in the lease (killed during that call's
   * upload, which races the count's write): `outputs.usage` then may miss that one call.
   */
  readonly usageExact?: boolean;
}

describeWithFirestoreEmulator('SIGKILL at each point of a 5-request step, then recovery', () => {
  const table = new ScenarioTable('crash-recovery');
  /** Per-scenario hooks on Firestore Commits: the first to answer decides. */
  const commitHooks: Array<(text: string) => GrpcVerdict | Promise<GrpcVerdict> | undefined> = [];
  const spyHooks = new Map<string, SpyHook>();
  const replies = new Map<string, string[]>();
  const victims = new Map<string, WorkerProcess>();
  const killed = new Map<string, boolean>();
  /** Victims SIGKILLed whose process has not exited yet. */
  const dying = new Set<string>();
  const outputs = new Map<string, StoredOutputs>();
  let gcs: FakeGcs;
  let chartImg: FakeChartImg;
  let spy: ChartImgSpy;
  let proxy: GrpcProxy;
  let db: Firestore;
  let rescuer: WorkerProcess | undefined;

  const killPoints: KillPoint[] = [
    {
      key: 'K0',
      point: 'before the claim commits',
      injected: 'gRPC proxy: SIGKILL when the claim Commit (READY -> RUNNING) arrives; never forwarded',
      recovery: 'event',
      storedAtKill: 0,
      arm: (step, fire) => commitHooks.push(killOnce(step, 'RUNNING', fire)),
    },
    ...[1, 2, 3, 4].map((k): KillPoint => ({
      key: `K${k}`,
      point: `after PNG ${k} of 5`,
      injected: `Chart-IMG spy: SIGKILL when call ${k + 1} arrives; never forwarded`,
      recovery: 'sweep',
      storedAtKill: k,
      // Requests are sent concurrently: a call that reaches the spy after the kill was fired comes from the dying
      // victim too, and is dropped like the point's own call (forwarding it would render for a dead process).
      arm: (step, fire) => {
        let fired = false;
        spyHooks.set(step.chartImgSymbol, (call) => {
          if (call.ordinal === k + 1) {
            fired = true;
            fire();
            return 'drop';
          }
          return fired && dying.has(`K${k}`) ? 'drop' : 'forward';
        });
      },
    })),
    {
      key: 'K5',
      point: 'before the manifest write',
      injected: 'fake GCS: SIGKILL when the manifest.json upload arrives; not stored',
      recovery: 'sweep',
      storedAtKill: 5,
      arm: (step, fire) => gcs.failNext({ status: 'reset', kinds: ['upload'], when: (r) => isManifestOf(step, r.objectName) && fireOnce(fire) }),
    },
    {
      key: 'K6',
      point: 'after the manifest write',
      injected: 'fake GCS: stores the manifest.json upload, then SIGKILL before answering',
      recovery: 'sweep',
      storedAtKill: 5,
      arm: (step, fire) =>
        gcs.failNext({ status: 'reset', serveFirst: true, kinds: ['upload'], when: (r) => isManifestOf(step, r.objectName) && fireOnce(fire) }),
    },
    {
      key: 'K7',
      point: 'before finalize',
      injected: 'gRPC proxy: SIGKILL when the finalize Commit (RUNNING -> SUCCEEDED) arrives; never forwarded',
      recovery: 'sweep',
      storedAtKill: 5,
      arm: (step, fire) => commitHooks.push(killOnce(step, 'SUCCEEDED', fire)),
    },
    {
      key: 'K8',
      point: 'PNG 3 stored, not yet recorded in the lease',
      usageExact: false,
      injected: 'fake GCS: stores the 3rd PNG upload, then SIGKILL before answering',
      recovery: 'sweep',
      storedAtKill: 3,
      arm: (step, fire) => {
        let uploads = 0;
        gcs.failNext({
          status: 'reset',
          serveFirst: true,
          kinds: ['upload'],
          when: (r) => isPngOf(step, r.objectName) && ++uploads === 3 && fireOnce(fire),
        });
      },
    },
    {
      key: 'K10',
      point: 'between storing PNG 3 and noting it in the lease',
      injected: 'gRPC proxy: SIGKILL when the lease Commit noting the 3rd PNG arrives; never forwarded',
      recovery: 'sweep',
      storedAtKill: 3,
      arm: (step, fire) => {
        let fired = false;
        const lease = `${LEASES_COLLECTION}/${leaseDocumentId(step.runId, step.stepId)}`;
        commitHooks.push((text) => {
          if (fired || !text.includes(lease) || text.split('.png').length - 1 < 3) return undefined;
          fired = true;
          fire();
          return { type: 'drop' };
        });
      },
    },
    {
      key: 'K9',
      point: 'after PNG 2 of 5, two copies of its event having reached the process at once',
      injected: 'Chart-IMG spy holds call 1 until the losing copy is answered, then SIGKILL when call 3 arrives',
      recovery: 'sweep',
      storedAtKill: 2,
      copies: 2,
      arm: (step, fire, firstAnswer) => {
        spyHooks.set(step.chartImgSymbol, async (call) => {
          if (call.ordinal === 1) await firstAnswer;
          if (call.ordinal !== 3) return 'forward';
          fire();
          return 'drop';
        });
      },
    },
  ];
  const steps = new Map(killPoints.map((kp) => [kp.key, chartStep(kp.key, TEMPLATE_IDS, 3)]));
  const accountOf = (key: string): ChartImgAccount => ({
    id: `acc-${key.toLowerCase()}`,
    apiKey: `sk-rel-${key.toLowerCase()}-never-print-0123456789abcdef`,
    plan: 'PRO',
    dailyLimit: 100,
    priority: 100,
  });
  const accounts = killPoints.map((kp) => accountOf(kp.key));

  beforeAll(async () => {
    process.env['METADATA_SERVER_DETECTION'] = 'none';
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    const build = buildWorkerBundle();
    [gcs, chartImg, proxy] = await Promise.all([startFakeGcs(), startFakeChartImg({ accounts }), startGrpcProxy({ target: emulatorHost })]);
    spy = await startChartImgSpy({ target: chartImg.url, templates: TEMPLATES });
    db = createFirestore({ projectId: PROJECT });
    await storeTemplates(db, TEMPLATES);
    for (const step of steps.values()) await db.collection('flow_runs').doc(step.runId).set(step.doc);

    proxy.intercept((call) => {
      if (call.method !== 'Commit') return { type: 'forward' };
      const text = call.body.toString('latin1');
      for (const hook of commitHooks) {
        const verdict = hook(text);
        if (verdict !== undefined) return verdict;
      }
      return { type: 'forward' };
    });
    spy.onCall((call) => (call.symbol === undefined ? undefined : spyHooks.get(call.symbol))?.(call) ?? 'forward');

    await build;
    const common = {
      CHARTS_BUCKET: `gs://${BUCKET}`,
      CHARTS_API_MODE: 'real',
      CHART_IMG_BASE_URL: spy.url,
      GOOGLE_CLOUD_PROJECT: PROJECT,
      STORAGE_EMULATOR_HOST: gcs.url,
      METADATA_SERVER_DETECTION: 'none',
      CHART_EXPORT_STEP_DEADLINE_MS: String(STEP_DEADLINE_MS),
      CHART_IMG_ATTEMPT_TIMEOUT_MS: '1500',
      CHART_EXPORT_LEASE_TTL_MS: String(LEASE_TTL_MS),
    };
    // Victims run one request at a time, so "after PNG k" is one exact state; each has its own account.
    const started = await Promise.all([
      ...killPoints.map((kp) =>
        startWorker({
          ...common,
          FIRESTORE_EMULATOR_HOST: proxy.host,
          CHART_IMG_ACCOUNTS_JSON: JSON.stringify([accountOf(kp.key)]),
          CHART_EXPORT_CONCURRENCY: '1',
        }),
      ),
      startWorker({ ...common, FIRESTORE_EMULATOR_HOST: emulatorHost, CHART_IMG_ACCOUNTS_JSON: JSON.stringify(accounts) }),
    ]);
    killPoints.forEach((kp, index) => victims.set(kp.key, started[index] as WorkerProcess));
    rescuer = started[killPoints.length];
  }, 180_000);

  afterAll(async () => {
    console.log(`Crash recovery scenarios:\n${table.markdown()}`);
    await Promise.all([...victims.values()].map((victim) => victim.process.kill()));
    await rescuer?.process.stop();
    await Promise.all([spy?.close(), chartImg?.close(), gcs?.close(), proxy?.close()]);
    await db?.terminate();
  }, 60_000);

  it('kills each victim at its point: SIGKILL while the exact request of the point is held', async () => {
    // K0 last: the next test needs its lease still live.
    for (const kp of [...killPoints.slice(1), killPoints[0] as KillPoint]) {
      const step = steps.get(kp.key) as ChartStep;
      const victim = victims.get(kp.key) as WorkerProcess;
      killed.set(kp.key, false);
      let answered: (reply: unknown) => void = () => undefined;
      const firstAnswer = new Promise((resolve) => (answered = resolve));
      kp.arm(
        step,
        () => {
          killed.set(kp.key, true);
          dying.add(kp.key);
          victim.process.child.once('exit', () => dying.delete(kp.key));
          victim.process.child.kill('SIGKILL');
        },
        firstAnswer,
      );
      const posted = Array.from({ length: kp.copies ?? 1 }, (_, copy) =>
        victim.postEvent(`evt-${kp.key}`, PROJECT, step.doc).then(
          (r) => {
            answered(r.body);
            return `${r.status} ${String(r.body['status'])} ${String(r.body['reason'] ?? '')}`.trim();
          },
          () => `copy ${copy + 1}: no answer`,
        ),
      );
      const exit = await within(victim.process.exited, KILL_TIMEOUT_MS, 'still running');
      replies.set(kp.key, (await Promise.all(posted)).map((r) => r.replace(/^copy \d+: /, '')).sort());
      expect({ key: kp.key, exit, killedAtPoint: killed.get(kp.key) }).toEqual({ key: kp.key, exit: 'SIGKILL', killedAtPoint: true });
      const pngs = [...gcs.objects.values()].filter((o) => isPngOf(step, o.name)).length;
      expect({ key: kp.key, pngs }).toEqual({ key: kp.key, pngs: kp.storedAtKill });
      const status = await stepStatus(db, step);
      expect({ key: kp.key, status }).toEqual({ key: kp.key, status: kp.key === 'K0' ? 'READY' : 'RUNNING' });
    }
    for (const kp of killPoints) {
      const expected = kp.copies === 2 ? ['200 NOOP claim-lost', 'no answer'] : ['no answer'];
      expect({ key: kp.key, replies: replies.get(kp.key) }).toEqual({ key: kp.key, replies: expected });
    }
  });

  it("gives no work to an event that arrives while the dead worker's lease is live", async () => {
    const step = steps.get('K0') as ChartStep;
    const lease = (await db.collection(LEASES_COLLECTION).doc(leaseDocumentId(step.runId, step.stepId)).get()).data() as { expiresAt: { toMillis(): number } };
    expect(lease.expiresAt.toMillis()).toBeGreaterThan(Date.now());
    const reply = await (rescuer as WorkerProcess).postEvent('evt-K0-early', PROJECT, step.doc);
    expect(reply).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'NOOP', reason: 'claim-lost' }) });
  });

  it('recovers every step once the leases expire: a new event for the READY one, POST /sweep for the RUNNING ones', async () => {
    await waitForExpiredLeases(db, [...steps.values()], 20_000);
    const worker = rescuer as WorkerProcess;
    const k0 = steps.get('K0') as ChartStep;
    const reply = await worker.postEvent('evt-K0-late', PROJECT, k0.doc);
    expect(reply).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', itemsCount: 5 }) });

    // K7's victim died inside its finalize transaction: the database keeps that transaction's locks on the flow_run
    // and the lease until it expires them (about a minute after the victim's last request), and the settle of K7
    // waits for them. The sweep's answer can therefore take that long.
    const sweep = await worker.sweep(SWEEP_ANSWER_TIMEOUT_MS);
    expect(sweep.status).toBe(200);
    const actions = (sweep.body['actions'] as Array<{ runId: string; action: string; detail: string }>).map((a) => `${a.runId} ${a.action} ${a.detail}`).sort();
    const expected = killPoints
      .filter((kp) => kp.recovery === 'sweep' && kp.knownBug === undefined)
      .map((kp) => `${(steps.get(kp.key) as ChartStep).runId} redriven SUCCEEDED`);
    expect(actions).toEqual(expect.arrayContaining(expected));
    for (const [key, step] of steps) outputs.set(key, await readStoredOutputs(db, gcs, step));
  }, 240_000);

  for (const kp of killPoints) {
    const title = `${kp.key} killed ${kp.point}: the step ends SUCCEEDED, the manifest lists each request once, no request rendered twice`;
    const test = kp.knownBug === undefined ? it : it.failing;
    test(title, () => {
      const step = steps.get(kp.key) as ChartStep;
      const stored = outputs.get(kp.key);
      const successes = spy.successesByTemplate(step.chartImgSymbol);
      const reused = (rescuer as WorkerProcess).events('png.reused').filter((e) => e['runId'] === step.runId).length;
      const rendered = Object.values(successes).reduce((a, b) => a + b, 0);
      const most = Math.max(0, ...Object.values(successes));
      const summary = (s: { status?: string; code?: string; items?: number; reused: number }) =>
        `${s.status ?? 'no step'}${s.code ? ` ${s.code}` : ''}, ${s.items ?? 0}/5 items after ${kp.recovery === 'event' ? 'a new event' : 'POST /sweep'}; ${s.reused} reused`;
      table.record({
        id: kp.key,
        scenario: `killed ${kp.point}`,
        injected: kp.injected,
        expected: summary({ status: 'SUCCEEDED', items: 5, reused: kp.storedAtKill }),
        observed: summary({ status: stored?.status, code: stored?.errorCode, items: stored?.manifest?.items.length, reused }),
        quota: `${spy.callsFor(step.chartImgSymbol).filter((c) => c.status !== 'dropped').length} forwarded, ${rendered} rendered, at most ${most} per request`,
        data: stored === undefined ? 'not read' : stored.problems.length === 0 ? 'complete' : stored.problems.join('; '),
        ...(kp.knownBug === undefined ? {} : { knownBug: true }),
      });

      expect(stored).toMatchObject({ status: 'SUCCEEDED', errorCode: undefined, problems: [] });
      expect(stored?.manifest?.items.map((item) => item.chartTemplateId).sort()).toEqual([...TEMPLATE_IDS].sort());
      expect(reused).toBe(kp.storedAtKill);
      expect(successes).toEqual(Object.fromEntries(TEMPLATE_IDS.map((id) => [id, 1])));
      // outputs.usage counts the calls of every attempt, the killed one's included.
      const forwarded = spy.callsFor(step.chartImgSymbol).filter((c) => c.status !== 'dropped').length;
      if (kp.usageExact !== false) expect({ key: kp.key, calls: stored?.usageCalls }).toEqual({ key: kp.key, calls: forwarded });
    });
  }

  it('never logged an API key in any worker process', () => {
    const everything = [...victims.values(), rescuer as WorkerProcess].map((w) => `${w.process.lines.join('\n')}\n${w.process.stderr()}`).join('\n');
    for (const account of accounts) expect(everything).not.toContain(account.apiKey);
  });

  it('docs/reliability.md holds this table as the run produced it', () => {
    expect(table.size).toBe(killPoints.length);
    const { committed, generated } = table.syncDoc();
    expect(committed).toBe(generated);
  });
});

function isManifestOf(step: ChartStep, objectName: string | undefined): boolean {
  return objectName === `charts/${step.runId}/${step.stepId}/manifest.json`;
}

function isPngOf(step: ChartStep, objectName: string | undefined): boolean {
  return objectName !== undefined && objectName.startsWith(`charts/${step.runId}/${step.stepId}/`) && objectName.endsWith('.png');
}

/** A Commit hook: the first Commit on the step's flow_run carrying `marker` SIGKILLs the victim and is reset. */
function killOnce(step: ChartStep, marker: 'RUNNING' | 'SUCCEEDED', fire: () => void): (text: string) => GrpcVerdict | undefined {
  let fired = false;
  return (text) => {
    if (fired || !text.includes(`flow_runs/${step.runId}`) || !text.includes(marker)) return undefined;
    fired = true;
    fire();
    return { type: 'drop' };
  };
}

/** For `when` predicates: fires the kill and matches. */
function fireOnce(fire: () => void): true {
  fire();
  return true;
}

async function stepStatus(db: Firestore, step: ChartStep): Promise<unknown> {
  const data = (await db.collection('flow_runs').doc(step.runId).get()).data() as { steps: Record<string, { status: unknown }> };
  return data.steps[step.stepId]?.status;
}

/** Polls the steps' lease documents until every one has expired (bounded). */
async function waitForExpiredLeases(db: Firestore, steps: readonly ChartStep[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshots = await Promise.all(steps.map((s) => db.collection(LEASES_COLLECTION).doc(leaseDocumentId(s.runId, s.stepId)).get()));
    const latest = Math.max(...snapshots.map((s) => (s.get('expiresAt') as { toMillis(): number } | undefined)?.toMillis() ?? 0));
    if (latest < Date.now()) return;
    if (Date.now() > deadline) throw new Error(`leases still live after ${timeoutMs} ms`);
    await delay(Math.min(500, latest - Date.now() + 50));
  }
}

/** `promise`, or `fallback` once `ms` have passed. */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
