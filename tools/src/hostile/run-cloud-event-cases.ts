import { request } from 'node:http';
import { documentEventBytes, documentNameOf, parseJsonObject } from '@worker-chart-export/testing';
import type { CaseVerdict, CloudEventBody, CloudEventCase } from './hostile-case.js';
import { checkMessage, leakedSecrets } from './check-message.js';
import { startConnectionTrap, startWorkerProcess, type WorkerProcess } from './worker-process.js';

/** Configured in the worker: it must never show in its output. */
const WORKER_API_KEY = 'sk-hostile-WRKR-0123456789abcdef';
/** How long to wait for a case's log line, then for any stray second line. */
const LINE_WAIT_MS = 3_000;
const SETTLE_MS = 150;

/**
 * Runs the CloudEvent cases against one worker process (mock mode) whose Firestore and GCS point at a
 * connection trap: no case may reach either. Each case must answer its status with exactly its one log line.
 */
export async function runCloudEventCases(cases: readonly CloudEventCase[]): Promise<CaseVerdict[]> {
  const trap = await startConnectionTrap();
  let worker: WorkerProcess | undefined;
  try {
    worker = await startWorkerProcess({
      CHARTS_API_MODE: 'mock',
      CHARTS_BUCKET: 'gs://charts-hostile',
      CHART_IMG_ACCOUNTS_JSON: JSON.stringify([{ id: 'acc-hostile', apiKey: WORKER_API_KEY, plan: 'PRO' }]),
      GOOGLE_CLOUD_PROJECT: 'demo-hostile',
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${trap.port}`,
      STORAGE_EMULATOR_HOST: `http://127.0.0.1:${trap.port}`,
      LOG_LEVEL: 'info',
      ENV: 'test',
    });
    const verdicts: CaseVerdict[] = [];
    for (const c of cases) verdicts.push(await runCase(c, worker, trap.connections));
    return verdicts;
  } finally {
    await worker?.stop();
    await trap.close();
  }
}

async function runCase(c: CloudEventCase, worker: WorkerProcess, trapConnections: () => number): Promise<CaseVerdict> {
  const linesBefore = worker.lines.length;
  const connectionsBefore = trapConnections();
  const problems: string[] = [];
  let reply: { status: number; body: string };
  try {
    reply = await send(worker.url, c);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: c.id, message, problems: [`the request failed: ${message}`, ...(worker.alive() ? [] : ['the worker died'])] };
  }
  if (c.expect.logEvent !== undefined) await worker.linesAfter(linesBefore, LINE_WAIT_MS);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const lines = worker.lines.slice(linesBefore);
  const entries = lines.map(parseJsonObject);

  if (reply.status !== c.expect.httpStatus) problems.push(`HTTP ${reply.status}, expected ${c.expect.httpStatus}`);
  const outcome = (parseJsonObject(reply.body) ?? {})['outcome'];
  if (c.expect.outcome !== undefined && outcome !== c.expect.outcome) problems.push(`outcome ${String(outcome)}, expected ${c.expect.outcome}`);
  const expectedLines = c.expect.logEvent === undefined ? 0 : 1;
  if (lines.length !== expectedLines) problems.push(`${lines.length} log line(s), expected ${expectedLines}`);
  const entry = entries[0];
  if (c.expect.logEvent !== undefined && entry?.['event'] !== c.expect.logEvent)
    problems.push(`log event ${String(entry?.['event'])}, expected ${c.expect.logEvent}`);
  if (entries.some((e) => e === undefined)) problems.push('a log line is not a JSON object');
  if (trapConnections() > connectionsBefore) problems.push('the worker contacted Firestore or GCS');
  if (!worker.alive()) problems.push('the worker died');
  for (const leak of leakedSecrets(lines.join('\n') + worker.stderr(), [WORKER_API_KEY])) problems.push(`the worker output leaks the configured key (${leak})`);
  const message = typeof entry?.['message'] === 'string' ? entry['message'] : `HTTP ${reply.status} ${reply.body}`.slice(0, 300);
  problems.push(...checkMessage(message, []));
  return { id: c.id, message, problems };
}

function send(url: string, c: CloudEventCase): Promise<{ status: number; body: string }> {
  const payload = bodyBytes(c.input.body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${c.input.path ?? '/'}`, {
      method: c.input.method ?? 'POST',
      headers: { ...c.input.headers, 'content-length': payload.byteLength },
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    let answered = false;
    req.once('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // An oversized body is cut off by the server once it has answered: a write error after the answer is expected.
    req.once('error', (error) => (answered ? undefined : reject(error)));
    req.end(payload);
  });
}

function bodyBytes(body: CloudEventBody): Buffer {
  switch (body.kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'text':
      return Buffer.from(body.text, 'utf8');
    case 'bytes':
      return Buffer.from(body.base64, 'base64');
    case 'filler':
      return Buffer.alloc(body.bytes, 0x61);
    case 'document-event': {
      const bytes = documentEventBytes({
        name: body.documentName ?? documentNameOf(body.documentPath, 'demo-hostile'),
        ...(body.value ? { value: body.value } : {}),
        ...(body.oldValue ? { oldValue: body.oldValue } : {}),
      });
      return Buffer.from(bytes);
    }
  }
}
