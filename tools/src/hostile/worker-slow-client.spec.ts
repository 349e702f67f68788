// Slow clients against the worker as a real process: a client that trickles its headers or its body must lose
// its connection (408) instead of holding it open, while the worker keeps serving everyone else.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RUN_ID } from '@worker-chart-export/domain/testing';
import { startConnectionTrap, startWorkerProcess, type ConnectionTrap, type WorkerProcess } from './worker-process.js';

/** One more line (a header, a body byte) every so often: never idle long enough for a socket timeout. */
const TRICKLE_EVERY_MS = 500;

let trap: ConnectionTrap;
let worker: WorkerProcess;

beforeAll(async () => {
  trap = await startConnectionTrap();
  worker = await startWorkerProcess({
    CHARTS_API_MODE: 'mock',
    CHARTS_BUCKET: 'gs://charts-hostile',
    GOOGLE_CLOUD_PROJECT: 'demo-hostile',
    FIRESTORE_EMULATOR_HOST: `127.0.0.1:${trap.port}`,
    STORAGE_EMULATOR_HOST: `http://127.0.0.1:${trap.port}`,
    LOG_LEVEL: 'info',
    ENV: 'test',
  });
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await trap?.close();
});

interface Trickled {
  /** Everything the server sent before it closed the connection. */
  readonly answer: string;
  /** How many pieces the client had sent by then: the connection was held busy all along. */
  readonly sent: number;
}

/** Sends `head`, then `piece(i)` every TRICKLE_EVERY_MS until the server closes the connection. */
function trickle(head: string, piece: (i: number) => string): Promise<Trickled> {
  const { port } = new URL(worker.url);
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(piece(sent++));
    }, TRICKLE_EVERY_MS);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // The server may reset the socket while a piece is in flight; what it answered before is what counts.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ answer, sent });
    });
    socket.once('connect', () => socket.write(head));
  });
}

describe('the worker process against slow clients', () => {
  it('answers 408 and drops a client that never finishes its headers, serving others meanwhile', async () => {
    const slow = trickle('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n', (i) => `x-slow-${i}: y\r\n`);
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    const result = await slow;
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.sent).toBeGreaterThan(1);
    expect(worker.alive()).toBe(true);
  }, 40_000);

  it('answers 408 and drops a client that never finishes its body', async () => {
    const head = [
      'POST / HTTP/1.1',
      'Host: 127.0.0.1',
      'content-type: application/protobuf',
      'ce-id: slow-body',
      'ce-type: google.cloud.firestore.document.v1.updated',
      'ce-source: //firestore.googleapis.com/projects/demo-hostile/databases/(default)',
      `ce-subject: documents/flow_runs/${RUN_ID}`,
      'ce-specversion: 1.0',
      'content-length: 1000000',
      '',
      '',
    ].join('\r\n');
    const result = await trickle(head, () => 'a');
    expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(worker.alive()).toBe(true);
    // The body never arrived whole, so nothing was decoded or run.
    expect(trap.connections()).toBe(0);
  }, 60_000);
});
