// Scripted, bounded fault injection on loopback. Chart-IMG faults come from the fake
// Chart-IMG (behind a spy that attributes every call to its chart template), GCS faults from the fake GCS,
// Firestore faults from a gRPC proxy in front of the emulator. Most scenarios compose RunChartExportStep
// in this process with the production adapters (faster than a process); the event scenarios post
// Eventarc deliveries to real worker processes. Every scenario checks that no data was lost: a stored
// manifest is whole, schema-valid and lists every request once, every items[].png_gcs_uri is stored,
// a step never names a manifest that is not there, and no request was rendered twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Firestore } from '@google-cloud/firestore';
import type { ChartImgAccount } from '@worker-chart-export/domain';
import {
  ACCOUNTS_USAGE_COLLECTION,
  FirestoreFlowRunStore,
  FirestoreStepLeaseStore,
  createFirestore,
  leaseDocumentId,
  LEASES_COLLECTION,
} from '@worker-chart-export/adapter-firestore';
import { clearEmulatorProject, describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { SystemClock } from '@worker-chart-export/adapter-local';
import { startFakeChartImg, type FakeChartImg } from '@worker-chart-export/tools/fake-chart-img/index.js';
import { startFakeGcs, type FakeGcs } from '@worker-chart-export/tools/fake-gcs/index.js';
import { GRPC_STATUS, startGrpcProxy, type GrpcProxy, type GrpcVerdict } from '@worker-chart-export/tools/tcp-proxy/index.js';
import { withFirestoreEmulatorHost } from '@worker-chart-export/testing';
import { startChartImgSpy, type ChartImgSpy } from './support/chart-img-spy.js';
import { BUCKET, chartStep, seedTemplates, storeTemplates, type ChartStep } from './support/chart-step.js';
import { FAST_SETTINGS, inProcessWorker, type InProcessWorker, type InProcessWorkerOptions } from './support/in-process-worker.js';
import { ScenarioTable, type ScenarioRow } from './support/scenario-table.js';
import { expireLease } from './support/expire-lease.js';
import { readStoredOutputs, type StoredOutputs } from './support/stored-outputs.js';
import { buildWorkerBundle, startWorker, type WorkerProcess, type WorkerReply } from './support/worker-process.js';

const PROJECT = 'demo-reliability-faults';
const TEMPLATES = seedTemplates();
const TEMPLATE_IDS = TEMPLATES.map((t) => t.id);
const account = (id: string, dailyLimit: number): ChartImgAccount => ({
  id,
  apiKey: `sk-rel-${id}-never-print-0123456789abcdef`,
  plan: 'PRO',
  dailyLimit,
  priority: 100,
});
/** The account of most scenarios. */
const MAIN = account('acc-main', 500);
/** Configured with 500 units, but the provider grants 2: it answers `Limit Exceeded` from the 3rd call. */
const THIN = account('acc-thin', 500);
/** Configured with 12 units a day, shared by three workers at once. */
const SHARED = account('acc-shared', 12);

/** A scenario's results as the table shows them. */
interface Settled {
  readonly stored: StoredOutputs;
  readonly observed: string;
  /** Calls that reached the spy, rendered (200) calls, and the most renders of one request. */
  readonly calls: number;
  readonly rendered: number;
  readonly most: number;
}

/** A scenario's row as the test states it; `extra` is appended to the observed outcome, `showCalls` puts the calls in the quota column. */
type RowSpec = Pick<ScenarioRow, 'id' | 'scenario' | 'injected' | 'expected' | 'knownBug'> & { readonly extra?: string; readonly showCalls?: boolean };

/** What a scenario promises beyond its outcome: how many Chart-IMG calls the spy counts, how many PNGs the bucket holds. */
interface Promised {
  readonly calls?: number;
  readonly pngs?: number;
}

/** What one in-process run gives a scenario's own checks. */
interface InProcessRun {
  readonly settled: Settled;
  readonly run: InProcessWorker;
  /** How long the worker's `execute` took. */
  readonly elapsedMs: number;
  /** What the provider charged the main account's key during the run. */
  readonly charged: number;
  /** Calls the gRPC proxy refused during the run. */
  readonly refused: number;
}

/** A fresh step driven the scenario's own way: `act` returns what it saw, appended to the observed outcome. */
interface DrivenScenario extends Promised {
  /** The test's title. */
  readonly title: string;
  readonly row: Omit<RowSpec, 'extra'>;
  readonly act: (step: ChartStep) => Promise<string>;
  /** Checks of its own, after the common ones. */
  readonly check?: (settled: Settled) => void;
}

/** One fault, then one run of a fresh step by one in-process worker. */
interface InProcessScenario extends Promised {
  /** The test's title. */
  readonly title: string;
  readonly row: RowSpec;
  /** Sets the fault up before the worker runs. */
  readonly inject?: () => void;
  readonly worker?: Partial<InProcessWorkerOptions>;
  /** Checks of its own, after the common ones. */
  readonly check?: (run: InProcessRun) => void;
}

const ALL_SUCCEEDED = 'SUCCEEDED, 5/5 items';
const ALL_CHART_API_FAILED = 'FAILED CHART_API_FAILED, 0/5 items, failures CHART_API_FAILED x5';
const NO_MANIFEST = 'FAILED MANIFEST_WRITE_FAILED, no manifest';

describeWithFirestoreEmulator('fault injection, scripted and bounded on loopback', () => {
  const table = new ScenarioTable('fault-injection');
  const clock = new SystemClock();
  let gcs: FakeGcs;
  let chartImg: FakeChartImg;
  let spy: ChartImgSpy;
  let proxy: GrpcProxy;
  /** Direct to the emulator: what the test reads and seeds. */
  let db: Firestore;
  /** Through the proxy: what in-process workers use. */
  let viaProxy: Firestore;
  let owners = 0;

  const worker = (options: Partial<InProcessWorkerOptions> = {}): InProcessWorker =>
    inProcessWorker({ db: viaProxy, gcsUrl: gcs.url, chartImgUrl: spy.url, accounts: [MAIN], clock, owner: `in-process-${++owners}`, ...options });

  beforeAll(async () => {
    process.env['METADATA_SERVER_DETECTION'] = 'none';
    const emulatorHost = process.env['FIRESTORE_EMULATOR_HOST'] as string;
    await clearEmulatorProject(emulatorHost, PROJECT);
    [gcs, proxy, chartImg] = await Promise.all([
      startFakeGcs(),
      startGrpcProxy({ target: emulatorHost }),
      startFakeChartImg({
        accounts: [
          { id: MAIN.id, apiKey: MAIN.apiKey, plan: 'PRO', dailyLimit: 500 },
          { id: THIN.id, apiKey: THIN.apiKey, plan: 'PRO', dailyLimit: 2 },
          { id: SHARED.id, apiKey: SHARED.apiKey, plan: 'PRO', dailyLimit: 500 },
        ],
      }),
    ]);
    spy = await startChartImgSpy({ target: chartImg.url, templates: TEMPLATES });
    db = createFirestore({ projectId: PROJECT });
    viaProxy = withFirestoreEmulatorHost(proxy.host, () => createFirestore({ projectId: PROJECT }));
    await Promise.all([storeTemplates(db, TEMPLATES), viaProxy.collection('warm-up').doc('warm-up').get()]);
  }, 120_000);

  beforeEach(() => {
    chartImg.setFault(undefined);
    chartImg.setLatency(0);
    proxy.intercept(undefined);
    gcs.reset();
  });

  afterAll(async () => {
    console.log(`Fault injection scenarios:\n${table.markdown()}`);
    await Promise.all([spy?.close(), chartImg?.close(), gcs?.close()]);
    await Promise.all([db?.terminate(), viaProxy?.terminate()]);
    await proxy?.close();
  }, 60_000);

  async function seed(key: string, minImages = 3): Promise<ChartStep> {
    const step = chartStep(key, TEMPLATE_IDS, minImages);
    await db.collection('flow_runs').doc(step.runId).set(step.doc);
    return step;
  }

  const pngCount = (step: ChartStep) => [...gcs.objects.values()].filter((o) => o.name.startsWith(`charts/${step.runId}/`) && o.name.endsWith('.png')).length;

  /** Reads what the scenario left, records its row and returns it. */
  async function settle(step: ChartStep, row: RowSpec): Promise<Settled> {
    const stored = await readStoredOutputs(db, gcs, step);
    const successes = Object.values(spy.successesByTemplate(step.chartImgSymbol));
    const calls = spy.callsFor(step.chartImgSymbol).length;
    const rendered = successes.reduce((a, b) => a + b, 0);
    const most = Math.max(0, ...successes);
    const observed = `${outcomeOf(stored, step)}${row.extra === undefined ? '' : `; ${row.extra}`}`;
    table.record({
      id: row.id,
      scenario: row.scenario,
      injected: row.injected,
      expected: row.expected,
      observed,
      quota: `${row.showCalls ? `${calls} calls, ` : ''}${rendered} rendered, at most ${most} per request`,
      data: stored.problems.length === 0 ? 'complete' : stored.problems.join('; '),
      ...(row.knownBug ? { knownBug: true } : {}),
    });
    return { stored, observed, calls, rendered, most };
  }

  /**
   * Settles the scenario and checks what every scenario holds: the outcome it expects, what it `promised`, and no
   * data lost (nothing written half, nothing reported that was not stored, no request rendered twice).
   */
  async function verify(step: ChartStep, row: RowSpec, promised: Promised = {}): Promise<Settled> {
    const settled = await settle(step, row);
    expect(settled.observed).toBe(row.expected);
    if (promised.calls !== undefined) expect(settled.calls).toBe(promised.calls);
    if (promised.pngs !== undefined) expect(pngCount(step)).toBe(promised.pngs);
    expect(settled.stored.problems).toEqual([]);
    expect(settled.most).toBeLessThanOrEqual(1);
    return settled;
  }

  /** Runs an {@link InProcessScenario} and checks what it promises. */
  async function runInProcess(scenario: InProcessScenario): Promise<void> {
    const step = await seed(scenario.row.id);
    scenario.inject?.();
    const run = worker(scenario.worker);
    const refusedCalls = () => proxy.calls.filter((call) => call.verdict === 'fail').length;
    const chargedBefore = chartImg.usage(MAIN.apiKey);
    const refusedBefore = refusedCalls();
    const started = Date.now();
    await run.runStep.execute({ runId: step.runId });
    const elapsedMs = Date.now() - started;
    const settled = await verify(step, scenario.row, scenario);
    scenario.check?.({ settled, run, elapsedMs, charged: chartImg.usage(MAIN.apiKey) - chargedBefore, refused: refusedCalls() - refusedBefore });
  }

  /** Runs a {@link DrivenScenario} and checks what it promises. */
  async function runDriven(scenario: DrivenScenario): Promise<void> {
    const step = await seed(scenario.row.id);
    const extra = await scenario.act(step);
    const settled = await verify(step, { ...scenario.row, extra }, scenario);
    scenario.check?.(settled);
  }

  describe('Chart-IMG', () => {
    const scenarios: InProcessScenario[] = [
      {
        title: 'C1: a 5xx storm fails every attempt: FAILED CHART_API_FAILED after 3 attempts per request, manifest lists 5 failures',
        row: { id: 'C1', scenario: 'Chart-IMG 5xx storm', injected: 'HTTP 500 on every call', expected: ALL_CHART_API_FAILED, showCalls: true },
        inject: () => chartImg.setFault({ type: 'server-error', status: 500, times: 1_000 }),
        calls: 15,
      },
      {
        title: 'C2: a burst of 503s is retried with backoff: SUCCEEDED with every image, one render per request',
        row: { id: 'C2', scenario: 'Chart-IMG 5xx burst', injected: 'HTTP 503 on the first 4 calls', expected: ALL_SUCCEEDED, showCalls: true },
        inject: () => chartImg.setFault({ type: 'server-error', status: 503, times: 4 }),
        calls: 9,
      },
      {
        title: 'C3: attempts that time out are retried: SUCCEEDED',
        row: {
          id: 'C3',
          scenario: 'Chart-IMG timeouts',
          injected: 'first 2 calls never answered (attempt timeout 800 ms)',
          expected: ALL_SUCCEEDED,
          showCalls: true,
        },
        inject: () => chartImg.setFault({ type: 'timeout', times: 2 }),
        worker: { settings: { attemptTimeoutMs: 800 } },
        calls: 7,
      },
      {
        title: 'C4: when no call is ever answered the step deadline bounds the run: FAILED CHART_API_FAILED',
        row: {
          id: 'C4',
          scenario: 'Chart-IMG never answers',
          injected: 'no call answered (attempt timeout 800 ms, step deadline 4 s)',
          expected: ALL_CHART_API_FAILED,
        },
        inject: () => chartImg.setFault({ type: 'timeout', times: 1_000 }),
        worker: { settings: { attemptTimeoutMs: 800, stepDeadlineMs: 4_000 } },
        check: ({ elapsedMs }) => expect(elapsedMs).toBeLessThan(4_000 + 3_000),
      },
      {
        title: 'C5: slow answers within the attempt timeout are waited for: SUCCEEDED',
        row: { id: 'C5', scenario: 'Chart-IMG slow responses', injected: '400 ms per answer (timeout 1.5 s)', expected: ALL_SUCCEEDED, showCalls: true },
        inject: () => chartImg.setLatency(400),
        calls: 5,
      },
      {
        title: 'C6: answers slower than the attempt timeout count as timeouts: FAILED CHART_API_FAILED (the provider still charges them)',
        row: {
          id: 'C6',
          scenario: 'Chart-IMG slower than the timeout',
          injected: '1.2 s per answer (attempt timeout 500 ms, step deadline 4 s)',
          expected: ALL_CHART_API_FAILED,
        },
        inject: () => chartImg.setLatency(1_200),
        worker: { settings: { attemptTimeoutMs: 500, stepDeadlineMs: 4_000 } },
        check: ({ charged }) => expect(charged).toBeGreaterThan(0),
      },
      {
        title: 'C7: a Too Many Requests burst is retried no sooner than Retry-After: SUCCEEDED',
        row: {
          id: 'C7',
          scenario: 'Too Many Requests burst',
          injected: '429 Too Many Requests (Retry-After: 1) on the first 4 calls',
          expected: ALL_SUCCEEDED,
          showCalls: true,
        },
        inject: () => chartImg.setFault({ type: 'too-many-requests', times: 4, retryAfterSeconds: 1 }),
        calls: 9,
        check: ({ elapsedMs }) => expect(elapsedMs).toBeGreaterThanOrEqual(1_000),
      },
      {
        title: 'C8: Too Many Requests on every call: FAILED CHART_API_FAILED after 3 attempts per request',
        row: {
          id: 'C8',
          scenario: 'Too Many Requests storm',
          injected: '429 Too Many Requests on every call',
          expected: ALL_CHART_API_FAILED,
          showCalls: true,
        },
        inject: () => chartImg.setFault({ type: 'too-many-requests', times: 1_000 }),
        calls: 15,
      },
      {
        title: 'C9: the provider answers Limit Exceeded: CHART_API_LIMIT_EXCEEDED, the account is not called again, one ERROR event',
        row: {
          id: 'C9',
          scenario: 'quota exhausted at the provider',
          injected: "the account's key has 2 renders left at the provider (429 Limit Exceeded after)",
          expected: 'FAILED CHART_API_LIMIT_EXCEEDED, 2/5 items, failures CHART_API_LIMIT_EXCEEDED x3',
        },
        worker: { accounts: [THIN] },
        check: ({ run, settled }) => {
          expect(run.log.named('chart_api.accounts_exhausted')).toHaveLength(1);
          expect(settled.calls).toBeLessThanOrEqual(5);
        },
      },
    ];

    it.each(scenarios)('$title', (scenario) => runInProcess(scenario));
  });

  describe('GCS', () => {
    const pngUploads = { kinds: ['upload'] as const, objectNameEndsWith: '.png' };
    const manifestUploads = { kinds: ['upload'] as const, objectNameEndsWith: 'manifest.json' };
    const scenarios: InProcessScenario[] = [
      {
        title: 'G1: a 503 on one PNG upload is retried by the client: SUCCEEDED, 5 PNGs',
        row: { id: 'G1', scenario: 'GCS 5xx on a PNG', injected: '503 on the first PNG upload (client retries 2)', expected: ALL_SUCCEEDED },
        inject: () => gcs.failNext({ status: 503, ...pngUploads }),
        pngs: 5,
      },
      {
        title: 'G2: 503 on every PNG upload: FAILED GCS_WRITE_FAILED, the manifest records why, no item without its PNG',
        row: {
          id: 'G2',
          scenario: 'GCS 5xx on every PNG',
          injected: '503 on every PNG upload (client retries off)',
          expected: 'FAILED GCS_WRITE_FAILED, 0/5 items, failures GCS_WRITE_FAILED x5',
        },
        inject: () => gcs.failNext({ status: 503, times: 1_000, ...pngUploads }),
        worker: { gcsMaxRetries: 0 },
        pngs: 0,
      },
      {
        title: 'G3: 403 on one PNG upload is not retried: that request fails GCS_WRITE_FAILED, the step SUCCEEDS with 4',
        row: {
          id: 'G3',
          scenario: 'GCS 403 on a PNG',
          injected: '403 on the first PNG upload',
          expected: 'SUCCEEDED, 4/5 items, failures GCS_WRITE_FAILED x1',
        },
        inject: () => gcs.failNext({ status: 403, ...pngUploads }),
        pngs: 4,
      },
      {
        title: 'G4: 503 on every manifest upload: FAILED MANIFEST_WRITE_FAILED, no manifest named or stored',
        row: { id: 'G4', scenario: 'GCS 5xx on the manifest', injected: '503 on every manifest upload (client retries off)', expected: NO_MANIFEST },
        inject: () => gcs.failNext({ status: 503, times: 1_000, ...manifestUploads }),
        worker: { gcsMaxRetries: 0 },
        check: ({ settled }) => expect(settled.stored.outputsManifestGcsUri).toBeUndefined(),
      },
      {
        title: 'G5: a 503 on the manifest upload is retried by the client: SUCCEEDED',
        row: { id: 'G5', scenario: 'GCS 5xx once on the manifest', injected: '503 on the first manifest upload (client retries 2)', expected: ALL_SUCCEEDED },
        inject: () => gcs.failNext({ status: 503, ...manifestUploads }),
      },
      {
        title: 'G6: 403 on the manifest upload: FAILED MANIFEST_WRITE_FAILED, no manifest named or stored',
        row: { id: 'G6', scenario: 'GCS 403 on the manifest', injected: '403 on the manifest upload', expected: NO_MANIFEST },
        inject: () => gcs.failNext({ status: 403, ...manifestUploads }),
      },
      {
        title: 'G7: a PNG upload that landed but whose answer was lost is retried into its own object: SUCCEEDED, no duplicate PNG',
        row: { id: 'G7', scenario: 'GCS PNG answer lost', injected: 'first PNG upload stored, answered 503', expected: ALL_SUCCEEDED },
        inject: () => gcs.failNext({ status: 503, serveFirst: true, ...pngUploads }),
        pngs: 5,
      },
      {
        title: 'G8: a PNG upload whose connection is reset is retried: SUCCEEDED',
        row: { id: 'G8', scenario: 'GCS connection reset', injected: 'first PNG upload: connection reset, not stored', expected: ALL_SUCCEEDED },
        inject: () => gcs.failNext({ status: 'reset', ...pngUploads }),
        pngs: 5,
      },
    ];

    it.each(scenarios)('$title', (scenario) => runInProcess(scenario));
  });

  /** What the gRPC proxy answers a lease write it refuses (not retried by the SDK). */
  const refusedLease = { type: 'fail', code: GRPC_STATUS.PERMISSION_DENIED, message: 'grpc-proxy: lease writes cut off' } as const;

  describe('Firestore', () => {
    const unavailable = { type: 'fail', code: GRPC_STATUS.UNAVAILABLE, message: 'grpc-proxy: Firestore is down' } as const;
    const denied = { type: 'fail', code: GRPC_STATUS.PERMISSION_DENIED, message: 'grpc-proxy: permission denied' } as const;
    const commitOn = (step: ChartStep, text: string, marker: string) => text.includes(`flow_runs/${step.runId}`) && text.includes(marker);
    /** `answered <status>` or `rejected`: how a delivery's run ended. */
    const howItEnded = (running: Promise<{ status: string }>) =>
      running.then(
        (result) => `answered ${result.status}`,
        () => 'rejected',
      );
    const leaseExists = async (step: ChartStep) => (await db.collection(LEASES_COLLECTION).doc(leaseDocumentId(step.runId, step.stepId)).get()).exists;
    /** The proxy answers `verdict` to the step's first claim Commit (READY -> RUNNING) and forwards everything else. */
    function onFirstClaim(step: ChartStep, verdict: GrpcVerdict): void {
      let answered = false;
      proxy.intercept((call) => {
        if (answered || call.method !== 'Commit' || !commitOn(step, call.body.toString('latin1'), 'RUNNING')) return { type: 'forward' };
        answered = true;
        return verdict;
      });
    }

    const f1: InProcessScenario = {
      title: 'F1: Firestore down for 1 s in the middle of a step: the SDK retries, SUCCEEDED, no request rendered twice',
      row: {
        id: 'F1',
        scenario: 'Firestore unavailable mid-step',
        injected: 'proxy answers UNAVAILABLE to every RPC for 1 s from the 2nd PNG upload',
        expected: ALL_SUCCEEDED,
        showCalls: true,
      },
      inject: () => {
        let uploads = 0;
        gcs.failNext({
          status: 503,
          when: (request) => {
            if (request.kind === 'upload' && (request.objectName ?? '').endsWith('.png') && ++uploads === 2) {
              proxy.intercept(() => unavailable);
              setTimeout(() => proxy.intercept(undefined), 1_000);
            }
            return false;
          },
        });
      },
      check: ({ refused }) => expect(refused).toBeGreaterThan(0),
    };
    it(f1.title, () => runInProcess(f1));

    it('F2: Firestore refusing every call when the event arrives: rejected before any write, SUCCEEDED on redelivery', async () => {
      const step = await seed('F2');
      proxy.intercept(() => denied);
      const first = await howItEnded(worker().runStep.execute({ runId: step.runId }));
      const leaseAfterFirst = await leaseExists(step);
      const untouched = (await readStoredOutputs(db, gcs, step)).status === 'READY' && !leaseAfterFirst && spy.callsFor(step.chartImgSymbol).length === 0;
      proxy.intercept(undefined);
      await worker().runStep.execute({ runId: step.runId });
      await verify(step, {
        id: 'F2',
        scenario: 'Firestore unavailable at event time',
        injected: 'proxy answers PERMISSION_DENIED to every RPC for the first delivery',
        expected: 'SUCCEEDED, 5/5 items; first delivery rejected, nothing written',
        extra: `first delivery ${first}, ${untouched ? 'nothing written' : 'something written'}`,
      });
    });

    it('F3: the finalize write refused: the step stays RUNNING under its lease; the sweeper finishes it reusing every PNG', async () => {
      const step = await seed('F3');
      proxy.intercept((call) => (call.method === 'Commit' && commitOn(step, call.body.toString('latin1'), 'SUCCEEDED') ? denied : { type: 'forward' }));
      const first = await howItEnded(worker().runStep.execute({ runId: step.runId }));
      const statusBetween = (await readStoredOutputs(db, gcs, step)).status;
      proxy.intercept(undefined);
      await expireLease(db, step);
      const sweeper = worker();
      const report = await sweeper.sweep();
      const reused = sweeper.log.named('png.reused').filter((e) => e.fields['runId'] === step.runId).length;
      await verify(
        step,
        {
          id: 'F3',
          scenario: 'Firestore refuses the finalize',
          injected: 'proxy answers PERMISSION_DENIED to the finalize Commit; then the lease TTL passes and a sweep runs',
          expected: 'SUCCEEDED, 5/5 items; run rejected leaving RUNNING, sweep re-drove it reusing 5 PNGs',
          extra: `run ${first} leaving ${statusBetween ?? 'no step'}, sweep ${report.actions.some((a) => a.runId === step.runId && a.action === 'redriven') ? 're-drove' : 'missed'} it reusing ${reused} PNGs`,
          showCalls: true,
        },
        { calls: 5 },
      );
    });

    it('F4: a claim Commit that was applied but whose answer was lost still runs the step', async () => {
      const step = await seed('F4');
      onFirstClaim(step, { type: 'lose-response', code: GRPC_STATUS.UNAVAILABLE, message: 'grpc-proxy: answer lost' });
      const result = await worker().runStep.execute({ runId: step.runId });
      proxy.intercept(undefined);
      await expireLease(db, step);
      const report = await worker().sweep();
      const leaseKept = await leaseExists(step);
      await verify(
        step,
        {
          id: 'F4',
          scenario: 'claim applied, answer lost',
          injected: 'proxy lets the claim Commit through but answers UNAVAILABLE (the SDK retries it)',
          expected: 'SUCCEEDED, 5/5 items; run answered SUCCEEDED, lease deleted, sweep found 0',
          extra: `run answered ${result.status}${result.status === 'NOOP' ? ` ${result.reason}` : ''}, lease ${leaseKept ? 'kept' : 'deleted'}, sweep found ${report.examined}`,
          showCalls: true,
        },
        { calls: 5 },
      );
    });

    it('F5: four workers run the same step at once: one runs it, three get NOOP, every request rendered once', async () => {
      const step = await seed('F5');
      const results = await Promise.all([1, 2, 3, 4].map(() => worker().runStep.execute({ runId: step.runId })));
      const statuses = results.map((r) => (r.status === 'NOOP' ? `NOOP ${r.reason}` : r.status)).sort();
      await verify(
        step,
        {
          id: 'F5',
          scenario: 'Firestore contention: 4 workers, one step',
          injected: '4 in-process workers (own lease owners) execute the step at once',
          expected: 'SUCCEEDED, 5/5 items; runs: 3 NOOP claim-lost, 1 SUCCEEDED',
          extra: `runs: ${countsOf(statuses)}`,
          showCalls: true,
        },
        { calls: 5 },
      );
    });

    it('F6: three workers share one account with 12 units left: exactly 12 renders, the rest CHART_API_LIMIT_EXCEEDED', async () => {
      const steps = await Promise.all(['F6A', 'F6B', 'F6C'].map((key) => seed(key)));
      await Promise.all(steps.map((step) => worker({ accounts: [SHARED] }).runStep.execute({ runId: step.runId })));
      const all = await Promise.all(steps.map((step) => readStoredOutputs(db, gcs, step)));
      const items = all.reduce((sum, s) => sum + (s.manifest?.items.length ?? 0), 0);
      const limited = all.flatMap((s) => s.manifest?.failures ?? []).filter((f) => f.error.code === 'CHART_API_LIMIT_EXCEEDED').length;
      const usage = (await db.collection(ACCOUNTS_USAGE_COLLECTION).doc(SHARED.id).get()).get('usageToday') as number;
      const rendered = steps.reduce((sum, step) => sum + Object.values(spy.successesByTemplate(step.chartImgSymbol)).reduce((a, b) => a + b, 0), 0);
      const most = Math.max(...steps.flatMap((step) => Object.values(spy.successesByTemplate(step.chartImgSymbol))));
      const problems = all.flatMap((s) => s.problems);
      const expected = '15 requests over 3 steps: 12 items, 3 CHART_API_LIMIT_EXCEEDED, usage counter 12';
      const observed = `15 requests over 3 steps: ${items} items, ${limited} CHART_API_LIMIT_EXCEEDED, usage counter ${usage}`;
      table.record({
        id: 'F6',
        scenario: 'Firestore contention: 3 workers, one account',
        injected: '3 in-process workers, 3 steps, one account with dailyLimit 12',
        expected,
        observed,
        quota: `${rendered} rendered, at most ${most} per request`,
        data: problems.length === 0 ? 'complete' : problems.join('; '),
      });
      expect(observed).toBe(expected);
      expect(rendered).toBe(12);
      expect(problems).toEqual([]);
    });

    it('F7: a step whose worker keeps dying is FAILED STEP_LEASE_EXHAUSTED by the sweeper once its attempts are spent', async () => {
      const step = await seed('F7');
      // What a worker killed right after its claim leaves: a claimed step and its lease (attempt 1).
      await new FirestoreStepLeaseStore(db).acquire(step.runId, step.stepId, 'dead-worker', FAST_SETTINGS.leaseTtlMs);
      await new FirestoreFlowRunStore(db).claim(step.runId, step.stepId, clock.now());
      await expireLease(db, step);
      const report = await worker().sweep(1);
      await verify(
        step,
        {
          id: 'F7',
          scenario: 'worker dies on every attempt',
          injected: 'a claimed step whose lease (attempt 1 of SWEEPER_MAX_ATTEMPTS=1) expired',
          expected: 'FAILED STEP_LEASE_EXHAUSTED, no manifest',
          showCalls: true,
        },
        { calls: 0 },
      );
      expect(report.actions).toContainEqual(expect.objectContaining({ runId: step.runId, action: 'failed' }));
    });

    it('F8: the claim refused after the lease was taken: the delivery fails, its lease is given back, the redelivery runs the step', async () => {
      const step = await seed('F8');
      onFirstClaim(step, denied);
      const first = await howItEnded(worker().runStep.execute({ runId: step.runId }));
      proxy.intercept(undefined);
      const leaseLeft = await leaseExists(step);
      const again = await worker().runStep.execute({ runId: step.runId });
      await verify(
        step,
        {
          id: 'F8',
          scenario: 'claim refused after the lease was taken',
          injected: 'proxy answers PERMISSION_DENIED to the claim Commit (READY -> RUNNING) of the first delivery',
          expected: 'SUCCEEDED, 5/5 items; first delivery rejected, no lease left, redelivery SUCCEEDED',
          extra: `first delivery ${first}, ${leaseLeft ? 'lease left held' : 'no lease left'}, redelivery ${again.status === 'NOOP' ? `NOOP ${again.reason}` : again.status}`,
          showCalls: true,
        },
        { calls: 5 },
      );
    });
  });

  describe('leases', () => {
    /** A lease much shorter than the uploads, inside a step deadline long enough for them. */
    const SHORT_LEASE = { leaseTtlMs: 2_000, stepDeadlineMs: 30_000 };
    const slowPngUploads = (step: ChartStep, ms: number) =>
      gcs.delayUploads(ms, (request) => (request.objectName ?? '').startsWith(`charts/${step.runId}/`) && (request.objectName ?? '').endsWith('.png'));

    /** Sweeps with `sweeper` every `everyMs` until `running` settles; resolves with each sweep's actions on `step`. */
    async function sweepWhile(running: Promise<unknown>, sweeper: InProcessWorker, step: ChartStep, everyMs: number): Promise<string[]> {
      let done = false;
      void running.finally(() => (done = true)).catch(() => undefined);
      const seen: string[] = [];
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, everyMs));
        const report = await sweeper.sweep();
        seen.push(...report.actions.filter((a) => a.runId === step.runId).map((a) => `${a.action} ${a.detail}`));
      }
      return seen;
    }

    it('L1: PNG uploads slower than the lease TTL, sweeps meanwhile: the heartbeat keeps the lease, one render per request', async () => {
      const step = await seed('L1');
      slowPngUploads(step, 3_000);
      const running = worker({ settings: SHORT_LEASE }).runStep.execute({ runId: step.runId });
      const sweeps = await sweepWhile(running, worker({ settings: SHORT_LEASE }), step, 500);
      const result = await running;
      expect(result.status).toBe('SUCCEEDED');
      await verify(
        step,
        {
          id: 'L1',
          scenario: 'uploads slower than the lease',
          injected: 'every PNG upload held 3 s by the fake GCS, lease TTL 2 s, a sweep every 0.5 s during the run',
          expected: 'SUCCEEDED, 5/5 items; sweeps during the run settled nothing of it',
          extra: `sweeps during the run ${sweeps.length === 0 ? 'settled nothing of it' : `did: ${sweeps.join(', ')}`}`,
          showCalls: true,
        },
        { calls: 5 },
      );
    });

    it('L2: a worker cut off from its lease while uploading: the sweeper takes the step over, the cut-off worker writes no manifest and no finalize', async () => {
      const step = await seed('L2');
      slowPngUploads(step, 3_000);
      const leaseDoc = `${LEASES_COLLECTION}/${leaseDocumentId(step.runId, step.stepId)}`;
      // The cut-off worker goes through the proxy, which lets it take the lease, then refuses its writes to it
      // (renewals, notes); the sweeper reaches the database directly.
      let leaseCommits = 0;
      proxy.intercept((call) =>
        call.method === 'Commit' && call.body.toString('latin1').includes(leaseDoc) && ++leaseCommits > 1 ? refusedLease : { type: 'forward' },
      );
      const cutOff = worker({ settings: SHORT_LEASE });
      const running = cutOff.runStep.execute({ runId: step.runId });
      const sweeps = await sweepWhile(running, worker({ db, settings: SHORT_LEASE }), step, 500);
      const result = await running;
      proxy.intercept(undefined);
      const stored = await readStoredOutputs(db, gcs, step);
      const manifestWrites = gcs.requests.filter((r) => r.kind === 'upload' && r.objectName === `charts/${step.runId}/${step.stepId}/manifest.json`).length;
      const most = Math.max(0, ...Object.values(spy.successesByTemplate(step.chartImgSymbol)));
      const expected = 'SUCCEEDED, 5/5 items; cut-off worker answered NOOP lease-lost, 1 manifest write, sweep re-drove it';
      const observed = `${outcomeOf(stored, step)}; cut-off worker answered ${result.status}${result.status === 'NOOP' ? ` ${result.reason}` : ''}, ${manifestWrites} manifest write${manifestWrites === 1 ? '' : 's'}, sweep ${sweeps.some((s) => s.startsWith('redriven')) ? 're-drove it' : `did: ${sweeps.join(', ') || 'nothing'}`}`;
      table.record({
        id: 'L2',
        scenario: 'a worker loses its lease mid-step',
        injected: "proxy refuses the worker's lease writes (renewals fail) while PNG uploads take 3 s, lease TTL 2 s; a sweep every 0.5 s",
        expected,
        observed,
        quota: `${most <= 2 ? 'at most 2' : `${most}`} renders per request (the cut-off worker's PNGs were not stored yet when the sweeper took over)`,
        data: stored.problems.length === 0 ? 'complete' : stored.problems.join('; '),
      });
      expect(observed).toBe(expected);
      expect(stored.problems).toEqual([]);
      expect(cutOff.log.named('lease.lost')).toHaveLength(1);
      expect(most).toBeLessThanOrEqual(2);
    });
  });

  describe('events, on worker processes', () => {
    let workers: WorkerProcess[] = [];

    beforeAll(async () => {
      await buildWorkerBundle();
      const env = {
        CHARTS_BUCKET: `gs://${BUCKET}`,
        CHARTS_API_MODE: 'real',
        CHART_IMG_BASE_URL: spy.url,
        CHART_IMG_ACCOUNTS_JSON: JSON.stringify([MAIN]),
        GOOGLE_CLOUD_PROJECT: PROJECT,
        FIRESTORE_EMULATOR_HOST: process.env['FIRESTORE_EMULATOR_HOST'] as string,
        STORAGE_EMULATOR_HOST: gcs.url,
        METADATA_SERVER_DETECTION: 'none',
      };
      workers = await Promise.all([1, 2, 3].map(() => startWorker(env)));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(workers.map((w) => w.process.stop()));
    }, 30_000);

    /** Posts the event of `doc` to worker process `index`. */
    const post = (index: number, id: string, doc: ChartStep['doc']) => (workers[index] as WorkerProcess).postEvent(id, PROJECT, doc);

    const scenarios: DrivenScenario[] = [
      {
        title: 'E1: the same event delivered 5 times at once and once more later runs the step once',
        row: {
          id: 'E1',
          scenario: 'duplicated event',
          injected: '5 copies of one event at once to one process, then a 6th',
          expected: 'SUCCEEDED, 5/5 items; replies: 4 200 NOOP, 1 200 SUCCEEDED; later copy 200 NOOP',
          showCalls: true,
        },
        act: async (step) => {
          const first = await Promise.all([1, 2, 3, 4, 5].map(() => post(0, 'evt-E1', step.doc)));
          const later = await post(0, 'evt-E1', step.doc);
          return `replies: ${countsOf(first.map(replyOf))}; later copy ${replyOf(later)}`;
        },
        calls: 5,
      },
      {
        title: 'E2: an older READY event delivered after the step finished is a NOOP without any call',
        row: {
          id: 'E2',
          scenario: 'out-of-order: stale event last',
          injected: "the READY snapshot's event again after the step SUCCEEDED, to another process",
          expected: 'SUCCEEDED, 5/5 items; stale event 200 NOOP, 0 more calls',
        },
        act: async (step) => {
          await post(0, 'evt-E2-1', step.doc);
          const callsBefore = spy.callsFor(step.chartImgSymbol).length;
          const stale = await post(1, 'evt-E2-0', step.doc);
          return `stale event ${replyOf(stale)}, ${spy.callsFor(step.chartImgSymbol).length - callsBefore} more calls`;
        },
      },
      {
        title: "E3: a newer snapshot's event arriving before the READY one is skipped; the READY one runs",
        row: {
          id: 'E3',
          scenario: 'out-of-order: newer event first',
          injected: "an event whose snapshot shows the step SUCCEEDED, then the READY snapshot's event",
          expected: 'SUCCEEDED, 5/5 items; newer event skipped no-ready-chart-export-step, READY event 200 SUCCEEDED',
        },
        act: async (step) => {
          const steps = step.doc['steps'] as Record<string, Record<string, unknown>>;
          const newer = { ...step.doc, steps: { ...steps, [step.stepId]: { ...steps[step.stepId], status: 'SUCCEEDED' } } };
          const early = await post(0, 'evt-E3-2', newer);
          const ready = await post(0, 'evt-E3-1', step.doc);
          return `newer event ${String(early.body['outcome'])} ${String(early.body['reason'])}, READY event ${replyOf(ready)}`;
        },
      },
      {
        title: 'E4: a READY event for a flow_run deleted since is a NOOP that writes nothing',
        row: {
          id: 'E4',
          scenario: 'event for a deleted flow_run',
          injected: "the READY snapshot's event after the document was deleted",
          expected: 'no step, no manifest; reply 200 NOOP flow-run-not-found',
          showCalls: true,
        },
        act: async (step) => {
          await db.collection('flow_runs').doc(step.runId).delete();
          const reply = await post(0, 'evt-E4', step.doc);
          return `reply ${replyOf(reply)} ${String(reply.body['reason'])}`;
        },
        calls: 0,
        check: (settled) => expect(settled.stored.pngs).toEqual([]),
      },
      {
        title: 'E5: three worker processes given the same event at once: one runs the step, two answer NOOP',
        row: {
          id: 'E5',
          scenario: 'Firestore contention: 3 processes',
          injected: 'the event delivered to 3 worker processes at once',
          expected: 'SUCCEEDED, 5/5 items; replies: 2 200 NOOP, 1 200 SUCCEEDED',
          showCalls: true,
        },
        act: async (step) => {
          const replies = await Promise.all(workers.map((_, i) => post(i, `evt-E5-${i}`, step.doc)));
          return `replies: ${countsOf(replies.map(replyOf))}`;
        },
        calls: 5,
      },
    ];

    it.each(scenarios)('$title', (scenario) => runDriven(scenario));

    it('never logged an API key in any worker process', () => {
      const everything = workers.map((w) => `${w.process.lines.join('\n')}\n${w.process.stderr()}`).join('\n');
      for (const key of [MAIN, THIN, SHARED].map((a) => a.apiKey)) expect(everything).not.toContain(key);
    });
  });

  it('docs/reliability.md holds this table as the run produced it', () => {
    const { committed, generated } = table.syncDoc();
    expect(committed).toBe(generated);
  });
});

/** `SUCCEEDED, 5/5 items, failures GCS_WRITE_FAILED x1`, from what is stored. */
function outcomeOf(stored: StoredOutputs, step: ChartStep): string {
  const head = `${stored.status ?? 'no step'}${stored.errorCode ? ` ${stored.errorCode}` : ''}`;
  if (stored.manifest === undefined) return `${head}, no manifest`;
  const failures = countsOf(
    (stored.manifest.failures ?? []).map((f) => f.error.code),
    ' x',
  );
  return `${head}, ${stored.manifest.items.length}/${step.templateIds.length} items${failures ? `, failures ${failures}` : ''}`;
}

function replyOf(reply: WorkerReply): string {
  return `${reply.status} ${String(reply.body['status'] ?? reply.body['outcome'])}`;
}

/** `3 NOOP, 1 SUCCEEDED` (sorted by value), or `NOOP x3` with a separator. */
function countsOf(values: readonly string[], separator?: string): string {
  const counts = new Map<string, number>();
  for (const value of [...values].sort()) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => (separator === undefined ? `${n} ${value}` : `${value}${separator}${n}`)).join(', ');
}
