// `events deliver` end to end: the real CLI sends the Eventarc event of a flow_run document to the bundled
// worker as a real process, against the Firestore emulator, the fake GCS server and the fake Chart-IMG server.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, jest } from '@jest/globals';
import { describeWithFirestoreEmulator } from '@worker-chart-export/adapter-firestore/testing';
import { spawnCli } from '@worker-chart-export/testing';
import { readExampleFlowRun } from './support/example-flow-run.js';
import { useWorkerStack } from './support/worker-stack.js';

const PROJECT = 'demo-events-deliver';
const BUCKET = 'charts-events';
const ACCOUNTS = [{ id: 'acc-events', apiKey: 'sk-events-deliver-0123456789', plan: 'PRO', dailyLimit: 100 }];

interface Delivered {
  readonly eventId: string;
  readonly document: string;
  readonly status: number;
  readonly reply: Record<string, unknown>;
}

describeWithFirestoreEmulator('events deliver to the worker process (emulator, fake GCS, fake Chart-IMG)', () => {
  // Each case spawns the CLI, and the worker runs a step with the SDK clients loaded on first use.
  jest.setTimeout(90_000);
  const { flowRun, stepId, requestCount } = readExampleFlowRun();
  const stack = useWorkerStack({ project: PROJECT, bucket: BUCKET, prefix: 'events-deliver-e2e', accounts: ACCOUNTS, flowRun });

  const deliver = async (args: string[], url = stack.worker.url) => {
    const run = await spawnCli(['events', 'deliver', '--worker-url', url, ...args], {
      FIRESTORE_EMULATOR_HOST: stack.emulatorHost,
      GOOGLE_CLOUD_PROJECT: PROJECT,
    });
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '');
    return { code: run.code, stderr: run.stderr, delivered: lines.length === 1 ? (JSON.parse(lines[0] as string) as Delivered) : lines };
  };
  const workerEvents = (name: string) => stack.worker.events(name);
  const stepStatus = async (runId: string) =>
    ((await stack.db.collection('flow_runs').doc(runId).get()).data() as { steps: Record<string, { status: string }> }).steps[stepId]?.status;

  it('--run-id: sends the event of the document in Firestore; the worker runs its READY step and answers 200', async () => {
    const result = await deliver(['--run-id', flowRun.runId]);

    expect(result).toEqual({
      code: 0,
      stderr: '',
      delivered: {
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        document: `flow_runs/${flowRun.runId}`,
        status: 200,
        reply: expect.objectContaining({ outcome: 'handled', status: 'SUCCEEDED', runId: flowRun.runId, stepId, itemsCount: requestCount }),
      },
    });
    expect(await stepStatus(flowRun.runId)).toBe('SUCCEEDED');
    const eventId = (result.delivered as Delivered).eventId;
    expect(workerEvents('event.received')).toEqual([
      expect.objectContaining({
        eventId,
        cloudEvent: {
          id: eventId,
          type: 'google.cloud.firestore.document.v1.written',
          source: `//firestore.googleapis.com/projects/${PROJECT}/databases/(default)`,
          subject: `documents/flow_runs/${flowRun.runId}`,
        },
      }),
    ]);
  });

  it('--flow-run-path: sends the event of a file; the same event again is a handled no-op', async () => {
    const second = { ...flowRun, runId: flowRun.runId.replace(/.$/, (c) => (c === 'z' ? 'y' : 'z')) };
    await stack.db.collection('flow_runs').doc(second.runId).set(second);
    const file = join(stack.fakes.dir, 'second.json');
    await writeFile(file, JSON.stringify(second));

    const first = await deliver(['--flow-run-path', file, '--event-id', 'evt-replay-1']);
    expect(first).toMatchObject({ code: 0, delivered: { eventId: 'evt-replay-1', status: 200, reply: { outcome: 'handled', status: 'SUCCEEDED' } } });
    expect(await stepStatus(second.runId)).toBe('SUCCEEDED');

    const replay = await deliver(['--flow-run-path', file, '--event-id', 'evt-replay-1']);
    expect(replay).toMatchObject({ code: 0, delivered: { eventId: 'evt-replay-1', status: 200, reply: { outcome: 'handled', status: 'NOOP' } } });
  });

  it('exits 1 and prints the status and reply when the worker answers otherwise', async () => {
    const result = await deliver(['--run-id', flowRun.runId, '--event-id', 'evt-wrong-path'], `${stack.worker.url}/no-such-route`);
    expect(result).toEqual({
      code: 1,
      stderr: '',
      delivered: { eventId: 'evt-wrong-path', document: `flow_runs/${flowRun.runId}`, status: 404, reply: { error: 'no route /no-such-route' } },
    });
  });

  it('exits 2 naming a --run-id that has no document, before sending anything', async () => {
    const received = workerEvents('event.received').length + workerEvents('event.skipped').length;
    const result = await deliver(['--run-id', '20251215-102530_BTCUSDT_absent']);
    expect(result).toEqual({
      code: 2,
      stderr: `error: --run-id "20251215-102530_BTCUSDT_absent": no document flow_runs/20251215-102530_BTCUSDT_absent in projects/${PROJECT}/databases/(default) (emulator ${stack.emulatorHost})\n`,
      delivered: [],
    });
    expect(workerEvents('event.received').length + workerEvents('event.skipped').length).toBe(received);
  });
});
