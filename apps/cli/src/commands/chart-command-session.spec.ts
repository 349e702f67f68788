import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ChartApiConfigError } from '@worker-chart-export/adapter-chart-img';
import { Container } from 'inversify';
import type { ChartSettings } from '../config/chart-settings.js';
import { fail, ok } from '../config/config-result.js';
import { capturedIo } from '../captured-io.js';
import { runChartCommand, type ChartCommand } from './chart-command-session.js';

const KEY = 'sk-live-0123456789abcdef';

interface Flags {
  readonly storage?: string;
}

const settings: ChartSettings = {
  chartsApiMode: 'real',
  bucket: 'charts-local',
  accounts: { from: 'env', json: JSON.stringify([{ id: 'acc-1', apiKey: KEY }]) },
  defaultTimezone: 'Etc/UTC',
  env: 'local',
  logLevel: 'info',
  renderFallback: 'off',
};

/** A chart command whose crash is logged as `test.crashed` and whose `--storage disk` is refused; `run` is its work. */
function command(run: ChartCommand<Flags, ChartSettings>['run']) {
  const crashes: string[] = [];
  const spec: ChartCommand<Flags, ChartSettings> = {
    command: 'test-cmd',
    owner: 'cli-test',
    resolveConfig: (flags, env) => (flags.storage === 'disk' ? fail(`--storage "disk" is refused (TEST_ENV=${env['TEST_ENV']})`) : ok(settings)),
    logCrash: (log, text, message) => {
      crashes.push(message);
      log.log('ERROR', 'test.crashed', text, { mode: 'local', error: { message } });
    },
    run,
  };
  return { spec, crashes };
}

describe('runChartCommand', () => {
  it("runs the work with the configuration, the session over the accounts and this process as lease owner, to the work's exit code", async () => {
    const captured = capturedIo();
    const { spec } = command(async (config, session, io) => {
      expect(config).toBe(settings);
      expect(session.accounts.map((account) => account.id)).toEqual(['acc-1']);
      expect(session.owner).toMatch(new RegExp(`^cli-test@.+:${process.pid}$`));
      expect(io).toBe(captured.io);
      return 3;
    });
    expect(await runChartCommand({}, captured.io, spec)).toBe(3);
    expect(captured.stderrLines()).toEqual([]);
  });

  it('ends a configuration problem as a usage error: one line, exit 2, the work never run and nothing logged', async () => {
    const captured = capturedIo({ TEST_ENV: 'seen' });
    let ran = false;
    const { spec, crashes } = command(async () => {
      ran = true;
      return 0;
    });
    expect(await runChartCommand({ storage: 'disk' }, captured.io, spec)).toBe(2);
    expect(captured.stderrLines()).toEqual(['error: --storage "disk" is refused (TEST_ENV=seen)']);
    expect(ran).toBe(false);
    expect(crashes).toEqual([]);
  });

  it('logs a crash of the work, prints "command stopped" without the key, exit 1, and releases the container', async () => {
    const captured = capturedIo();
    const container = new Container();
    container.bind('probe').toConstantValue(1);
    const { spec, crashes } = command(async (_config, session) => {
      await session.compose(async () => container);
      throw new Error(`provider echoed ${KEY}`);
    });
    expect(await runChartCommand({}, captured.io, spec)).toBe(1);
    const lines = captured.stderrLines();
    expect(crashes).toEqual([`provider echoed ${KEY}`]);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ event: 'test.crashed', severity: 'ERROR' });
    expect(lines.at(-1)).toMatch(/^error: test-cmd stopped: provider echoed (?!.*sk-live)/);
    expect(lines.join('\n')).not.toContain(KEY);
    expect(container.isBound('probe')).toBe(false);
  });

  it('turns a configuration the Chart-IMG adapter refuses while composing into a usage error', async () => {
    const captured = capturedIo();
    const { spec, crashes } = command(async (_config, session) => {
      await session.compose(async () => {
        throw new ChartApiConfigError('CHART_IMG_BASE_URL "ftp://x" is not an http(s) URL');
      });
      return 0;
    });
    expect(await runChartCommand({}, captured.io, spec)).toBe(2);
    expect(captured.stderrLines()).toEqual(['error: CHART_IMG_BASE_URL "ftp://x" is not an http(s) URL']);
    expect(crashes).toEqual([]);
  });
});
