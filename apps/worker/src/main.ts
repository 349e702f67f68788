import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createEventLog, isLogLevel } from '@worker-chart-export/adapter-logging';
import { loadWorkerConfig } from './config/load-worker-config.js';
import { runWorker } from './run-worker.js';
import { LazyStepLauncher } from './steps/lazy-step-launcher.js';
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
// Against emulators only, the SDKs would still probe the GCE metadata server for credentials (a second or more
// off Google Cloud, and a warning); an operator's own setting wins.
if (config.onlyEmulators) process.env['METADATA_SERVER_DETECTION'] ??= 'none';
const log = createEventLog({
  service: SERVICE,
  env: config.env,
  level: config.logLevel,
  stream: process.stdout,
  secrets: config.accounts.map((account) => account.apiKey),
});
const owner = `${process.env['K_REVISION'] ?? SERVICE}/${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
// The composition (the Firestore SDK, and the GCS SDK unless blobs are local files) loads after the server
// listens: /healthz answers first.
const launcher = new LazyStepLauncher(async () => {
  const { composeStepLauncher } = await import('./container.js');
  return composeStepLauncher(config, { log, owner });
});
const startFailed = async (error: unknown): Promise<never> => {
  log.log('ERROR', WORKER_LOG_EVENTS.startFailed, `worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  await log.flush();
  process.exit(1);
};
try {
  await runWorker({
    config,
    log,
    launcher,
    signals: process,
    release: () => launcher.release(),
    exit: (code) => process.exit(code),
    uptimeMs: () => process.uptime() * 1000,
  });
} catch (error) {
  await startFailed(error);
}
// Warm up once the listening socket has had a turn of the event loop; a composition that cannot be
// built is a start failure (Cloud Run restarts the instance), not an event to redeliver forever.
setImmediate(() => {
  launcher.warmUp().then(() => {
    const readyMs = Math.round(process.uptime() * 1000);
    log.log('INFO', WORKER_LOG_EVENTS.ready, `worker ready: clients loaded ${readyMs} ms after process start`, { ready_ms: readyMs });
  }, startFailed);
});
