import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ChartApi, RunChartExportStepResult } from '@worker-chart-export/domain';
import {
  aChartExportStep,
  aFlowRun,
  inMemoryStepRig,
  RecordingEventLog,
  requestsFor,
  RUN_ID,
  STEP_ID,
  type InMemoryStepParts,
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
  readonly blobs: InMemoryStepParts['blobs'];
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
    const recording = new RecordingEventLog();
    const lines: string[] = [];
    const winston = createEventLog({
      service: 'worker-chart-export',
      env: 'test',
      level: 'debug',
      stream: lineCollector(lines),
      secrets: s.accounts.map((account) => account.apiKey),
    });
    const { run, blobs, flowRuns } = inMemoryStepRig({
      clock,
      flowRun: aFlowRun({ [STEP_ID]: aChartExportStep({}, { minImages: 1, requests: requestsFor(2), ...s.inputs }) }),
      chartApi,
      accounts: new InMemoryAccountPool(s.accounts, clock),
      log: new TeeEventLog([recording, winston]),
      owner: 'observability-spec',
      settings: { bucket: SCENARIO_BUCKET, backoffBaseMs: 1, backoffMaxMs: 5, attemptTimeoutMs: 5_000, stepDeadlineMs: 20_000 },
    });
    if (s.failBlob !== undefined) {
      const suffix = s.failBlob === 'png' ? '.png' : '/manifest.json';
      blobs.failWhen = (blob) => (blob.path.endsWith(suffix) ? `injected: storage answered 503 for ${blob.path}` : undefined);
    }
    const result = await run();
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
