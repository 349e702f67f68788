import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createEventLog, type EventLogOptions } from './create-event-log.js';

/** A sink that keeps each line; with `delayMs` it accepts a line only after that delay. */
function sink(delayMs = 0) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, callback) {
      const accept = () => {
        lines.push(
          ...chunk
            .toString()
            .split('\n')
            .filter((l) => l !== ''),
        );
        callback();
      };
      if (delayMs > 0) setTimeout(accept, delayMs);
      else accept();
    },
  });
  return { stream, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const fixedTime = new Date('2026-01-02T03:04:05.678Z');

function logTo(stream: NodeJS.WritableStream, overrides: Partial<EventLogOptions> = {}) {
  return createEventLog({ service: 'worker-chart-export', env: 'dev', level: 'debug', stream, now: () => fixedTime, ...overrides });
}

describe('createEventLog', () => {
  it('writes one JSON object per line in Cloud Logging shape, reserved keys first', async () => {
    const out = sink();
    const log = logTo(out.stream);
    log.log('INFO', 'step.claimed', 'claimed step charts', { runId: 'r1', stepId: 'charts', chartsApi: { mode: 'mock' } });
    await log.flush();
    expect(out.lines).toHaveLength(1);
    const entry = out.entries()[0];
    expect(entry).toEqual({
      severity: 'INFO',
      message: 'claimed step charts',
      time: '2026-01-02T03:04:05.678Z',
      service: 'worker-chart-export',
      env: 'dev',
      event: 'step.claimed',
      runId: 'r1',
      stepId: 'charts',
      chartsApi: { mode: 'mock' },
    });
    expect(Object.keys(entry ?? {}).slice(0, 6)).toEqual(['severity', 'message', 'time', 'service', 'env', 'event']);
  });

  it('maps every severity and drops events below the configured level', async () => {
    const out = sink();
    const log = logTo(out.stream, { level: 'warn' });
    log.log('DEBUG', 'e.debug', 'd');
    log.log('INFO', 'e.info', 'i');
    log.log('WARNING', 'e.warning', 'w');
    log.log('ERROR', 'e.error', 'e');
    await log.flush();
    expect(out.entries().map((e) => [e['severity'], e['event']])).toEqual([
      ['WARNING', 'e.warning'],
      ['ERROR', 'e.error'],
    ]);
  });

  it('writes DEBUG lines when the level is debug', async () => {
    const out = sink();
    const log = logTo(out.stream);
    log.log('DEBUG', 'e.debug', 'd');
    await log.flush();
    expect(out.entries()[0]?.['severity']).toBe('DEBUG');
  });

  it('merges base fields, child fields and event fields, the most specific winning', async () => {
    const out = sink();
    const log = logTo(out.stream, { baseFields: { mode: 'local', runId: 'base' } });
    const child = log.child({ runId: 'r1', flowKey: 'chart_flow_v1' }).child({ stepId: 'charts' });
    child.log('WARNING', 'request.failed', 'failed', { stepId: 'other', error: { code: 'VALIDATION_FAILED', message: 'bad', details: { field: 'x' } } });
    log.log('INFO', 'parent.event', 'unchanged parent');
    await log.flush();
    const [fromChild, fromParent] = out.entries();
    expect(fromChild).toMatchObject({
      mode: 'local',
      runId: 'r1',
      flowKey: 'chart_flow_v1',
      stepId: 'other',
      error: { code: 'VALIDATION_FAILED', message: 'bad', details: { field: 'x' } },
    });
    expect(fromParent).toMatchObject({ runId: 'base' });
    expect(fromParent).not.toHaveProperty('flowKey');
  });

  it('never lets fields override the reserved keys', async () => {
    const out = sink();
    const log = logTo(out.stream);
    log.log('INFO', 'e', 'the message', { severity: 'ERROR', message: 'other', service: 'x', event: 'y' });
    await log.flush();
    expect(out.entries()[0]).toMatchObject({ severity: 'INFO', message: 'the message', service: 'worker-chart-export', event: 'e' });
  });

  it('redacts a configured secret nested in fields, inside longer strings and in the message', async () => {
    const out = sink();
    const secret = 'sk-live-0123456789abcdef';
    const log = logTo(out.stream, { secrets: [secret] });
    log.log('ERROR', 'chart_api.call', `request with key ${secret} failed`, {
      chartsApi: { headers: { 'x-api-key': secret }, attempts: [{ note: `key=${secret};` }] },
      error: new Error(`rejected ${secret}`),
    });
    await log.flush();
    expect(out.lines[0]).not.toContain(secret);
    expect(out.entries()[0]).toMatchObject({
      message: 'request with key [REDACTED] failed',
      chartsApi: { headers: { 'x-api-key': '[REDACTED]' }, attempts: [{ note: 'key=[REDACTED];' }] },
      error: { name: 'Error', message: 'rejected [REDACTED]' },
    });
  });

  it('redacts secrets carried in base fields and child fields', async () => {
    const out = sink();
    const log = logTo(out.stream, { secrets: ['topsecret'], baseFields: { note: 'topsecret' } });
    log.child({ other: ['a', 'topsecret'] }).log('INFO', 'e', 'm');
    await log.flush();
    expect(out.lines[0]).not.toContain('topsecret');
  });

  it('flush waits until a slow stream has accepted every line', async () => {
    const out = sink(20);
    const log = logTo(out.stream);
    for (let i = 0; i < 5; i += 1) log.log('INFO', 'e', `line ${i}`);
    expect(out.lines).toHaveLength(0);
    await log.flush();
    expect(out.entries().map((e) => e['message'])).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('flush resolves at once when nothing was logged', async () => {
    const out = sink();
    await expect(logTo(out.stream).flush()).resolves.toBeUndefined();
  });

  it('a child flushes the lines of its parent too', async () => {
    const out = sink(5);
    const log = logTo(out.stream);
    log.log('INFO', 'e', 'from parent');
    const child = log.child({ runId: 'r' }) as ReturnType<typeof logTo>;
    child.log('INFO', 'e', 'from child');
    await child.flush();
    expect(out.lines).toHaveLength(2);
  });
});
