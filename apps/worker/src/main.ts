import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createEventLog, isLogLevel } from '@worker-chart-export/adapter-logging';
import { loadWorkerConfig } from './config/load-worker-config.js';
import { buildWorkerContainer } from './container.js';
import { runWorker } from './run-worker.js';
import { StepLauncher } from './steps/step-launcher.js';
import { WORKER_LOG_EVENTS } from './worker-log-events.js';

const SERVICE = 'worker-chart-export';
const loaded = loadWorkerConfig(process.env);

if (!loaded.ok) {
  // Fail fast: one line per problem, then exit 1 (Cloud Run shows the revision as failed to start).
  const rawLevel = process.env['LOG_LEVEL']?.toLowerCase() ?? 'info';
  const log = createEventLog({ service: SERVICE, env: process.env['ENV'] || 'dev', level: isLogLevel(rawLevel) ? rawLevel : 'info', stream: process.stderr });
  for (const problem of loaded.problems) log.log('ERROR', WORKER_LOG_EVENTS.configInvalid, `invalid configuration: ${problem}`);
  await log.flush();
  process.exit(1);
}

const { config } = loaded;
const log = createEventLog({
  service: SERVICE,
  env: config.env,
  level: config.logLevel,
  stream: process.stdout,
  secrets: config.accounts.map((account) => account.apiKey),
});
const owner = `${process.env['K_REVISION'] ?? SERVICE}/${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
const container = buildWorkerContainer(config, { log, owner });
try {
  await runWorker({
    config,
    log,
    launcher: container.get(StepLauncher),
    signals: process,
    release: () => container.unbindAll(),
    exit: (code) => process.exit(code),
    uptimeMs: () => process.uptime() * 1000,
  });
} catch (error) {
  log.log('ERROR', WORKER_LOG_EVENTS.startFailed, `worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  await log.flush();
  process.exit(1);
}
