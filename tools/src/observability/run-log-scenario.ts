import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEFAULT_CHART_EXPORT_SETTINGS, RunChartExportStep, type ChartApi, type RunChartExportStepResult } from '@worker-chart-export/domain';
import {
  aChartExportStep,
  aFlowRun,
  aTemplate,
  InMemoryBlobStore,
  InMemoryFlowRunStore,
  InMemoryStepLeaseStore,
  MapTemplateRepo,
  RecordingEventLog,
  requestsFor,
  RUN_ID,
  STEP_ID,
  type RecordedEvent,
} from '@worker-chart-export/domain/testing';
import { AccountKeyring, FixtureChartApi, FixtureStore, GotChartApi } from '@worker-chart-export/adapter-chart-img';
import { InMemoryAccountPool, SystemClock } from '@worker-chart-export/adapter-local';
import { createEventLog } from '@worker-chart-export/adapter-logging';
import { startFakeChartImg, type FakeCall, type FakeChartImg } from '../fake-chart-img/index.js';
import type { LogScenario } from './log-scenarios.js';
import { TeeEventLog } from './tee-event-log.js';

export const SCENARIO_BUCKET = 'charts-observability';

/** Everything a scenario produced, for the assertions. */
export interface ScenarioCapture {
  readonly result: RunChartExportStepResult;
  /** The events as the use case emitted them (RecordingEventLog). */
  readonly events: readonly RecordedEvent[];
  /** The lines the winston EventLog wrote. */
  readonly lines: readonly string[];
  readonly blobs: InMemoryBlobStore;
  /** The flow_run after the run. */
  readonly flowRun: unknown;
  /** The requests that reached the fake Chart-IMG. */
  readonly providerCalls: readonly FakeCall[];
}

/**
 * Runs a scenario's step through `RunChartExportStep` with the real adapters where keys matter: the in-memory
 * account pool and `GotChartApi` (or `FixtureChartApi` in mock mode) configured with the scenario's keys, the fake
 * Chart-IMG on loopback, and a log that feeds both a RecordingEventLog and the winston EventLog (given the keys as
 * secrets, as the apps do) writing into a buffer.
 */
export async function runLogScenario(s: LogScenario): Promise<ScenarioCapture> {
  const clock = new SystemClock();
  const mock = s.mode === 'mock';
  const fixturesDir = mock ? await mkdtemp(join(tmpdir(), 'obs-fixtures-')) : undefined;
  let fake: FakeChartImg | undefined;
  try {
    let chartApi: ChartApi;
    if (fixturesDir !== undefined) chartApi = new FixtureChartApi(new FixtureStore(fixturesDir));
    else {
      const providerAccounts = s.providerAccounts ?? s.accounts.map((a) => ({ id: a.id, apiKey: a.apiKey, plan: a.plan }));
      fake = await startFakeChartImg({ accounts: providerAccounts, ...(s.fault ? { fault: s.fault } : {}) });
      chartApi = new GotChartApi({ baseUrl: fake.url, keyring: new AccountKeyring(s.accounts), clock });
    }
    const requests = requestsFor(2);
    const flowRuns = new InMemoryFlowRunStore(aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests, ...s.inputs }) }));
    const templates = new MapTemplateRepo(Object.fromEntries(requests.map(({ chartTemplateId }) => [chartTemplateId, aTemplate(chartTemplateId)])));
    const blobs = new InMemoryBlobStore();
    if (s.failBlob !== undefined) {
      const suffix = s.failBlob === 'png' ? '.png' : '/manifest.json';
      blobs.failWhen = (blob) => (blob.path.endsWith(suffix) ? `injected: storage answered 503 for ${blob.path}` : undefined);
    }
    const recording = new RecordingEventLog();
    const lines: string[] = [];
    const winston = createEventLog({
      service: 'worker-chart-export',
      env: 'test',
      level: 'debug',
      stream: lineCollector(lines),
      secrets: s.accounts.map((account) => account.apiKey),
    });
    const useCase = new RunChartExportStep(
      {
        flowRuns,
        templates,
        blobs,
        chartApi,
        accounts: new InMemoryAccountPool(s.accounts, clock),
        leases: new InMemoryStepLeaseStore(),
        clock,
        log: new TeeEventLog([recording, winston]),
        owner: 'observability-spec',
        random: () => 0.5,
      },
      { ...DEFAULT_CHART_EXPORT_SETTINGS, bucket: SCENARIO_BUCKET, backoffBaseMs: 1, backoffMaxMs: 5, attemptTimeoutMs: 5_000, stepDeadlineMs: 20_000 },
    );
    const result = await useCase.execute({ runId: RUN_ID });
    await winston.flush();
    return { result, events: recording.events, lines, blobs, flowRun: flowRuns.docs.get(RUN_ID), providerCalls: fake?.calls ?? [] };
  } finally {
    await fake?.close();
    if (fixturesDir !== undefined) await rm(fixturesDir, { recursive: true, force: true });
  }
}

function lineCollector(lines: string[]): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line !== ''));
      done();
    },
  });
}
