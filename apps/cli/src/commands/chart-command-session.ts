import { createSecretRedactor, type ChartImgAccount, type SecretRedactor } from '@worker-chart-export/domain';
import { isChartApiConfigError } from '@worker-chart-export/adapter-chart-img';
import { createEventLog, type FlushableEventLog } from '@worker-chart-export/adapter-logging';
import { writeLine, usageMessage, type CliIo } from '../cli-io.js';
import type { ChartSettings } from '../config/chart-settings.js';
import { loadAccounts } from '../config/load-accounts.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { UsageError, messageOf, required } from '../usage-error.js';

/** The `service` of the CLI's log lines: the same worker, run locally. */
export const CLI_SERVICE = 'worker-chart-export';

/** What a command that renders charts (`run-local`, `sweep`) opens before its work: accounts, log, redactor. */
export interface ChartCommandSession {
  readonly accounts: readonly ChartImgAccount[];
  /** JSON lines on stderr, every API key removed. */
  readonly log: FlushableEventLog;
  /** Removes every configured key, in any form, from what the command prints (provider text may carry one). */
  readonly redactor: SecretRedactor;
}

/** Loads the accounts (one is required unless the mode is `mock`) and opens the log and the redactor over their keys. */
export async function openChartCommandSession(config: ChartSettings, io: CliIo): Promise<ChartCommandSession> {
  const accounts = required(await loadAccounts(config.accounts, { requireOne: config.chartsApiMode !== 'mock' }));
  const secrets = accounts.map((account) => account.apiKey);
  const log = createEventLog({ service: CLI_SERVICE, env: config.env, level: config.logLevel, stream: io.stderr, secrets });
  return { accounts, log, redactor: createSecretRedactor(secrets) };
}

/**
 * How a chart command ends on an error, with the session it had opened (if any): a usage or configuration error
 * prints its one line and exits 2; anything else is logged by `logCrash` (each command names its own event, so the
 * log catalog finds it at the call site) and printed as
 * "`command` stopped: message", exit 1.
 */
export async function endChartCommand(
  error: unknown,
  session: ChartCommandSession | undefined,
  failure: { readonly command: string; readonly logCrash: (log: FlushableEventLog, text: string, message: string) => void },
  io: CliIo,
): Promise<number> {
  const redactor = session?.redactor ?? createSecretRedactor([]);
  if (error instanceof UsageError) {
    await session?.log.flush();
    await writeLine(io.stderr, usageMessage(redactor.redact(error.message)));
    return EXIT_CODES.usage;
  }
  const message = messageOf(error);
  if (session !== undefined) failure.logCrash(session.log, `${failure.command} stopped: ${message}`, message);
  await session?.log.flush();
  await writeLine(io.stderr, usageMessage(redactor.redact(`${failure.command} stopped: ${message}`)));
  return EXIT_CODES.failed;
}

/** Runs a composition step, turning a configuration the Chart-IMG adapter refuses into a usage error. */
export async function composeOrFail<T>(build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (isChartApiConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
}
