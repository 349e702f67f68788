import { hostname } from 'node:os';
import { createSecretRedactor, type ChartImgAccount, type SecretRedactor } from '@worker-chart-export/domain';
import { isChartApiConfigError } from '@worker-chart-export/adapter-chart-img';
import { createEventLog, type FlushableEventLog } from '@worker-chart-export/adapter-logging';
import type { Container } from 'inversify';
import type { CliIo } from '../cli-io.js';
import type { ChartSettings } from '../config/chart-settings.js';
import type { ConfigResult } from '../config/config-result.js';
import type { Env } from '../config/env.js';
import { loadAccounts } from '../config/load-accounts.js';
import { UsageError, messageOf, required } from '../usage-error.js';
import { endCommand } from './run-command.js';

/** The `service` of the CLI's log lines: the same worker, run locally. */
const CLI_SERVICE = 'worker-chart-export';

/** What a command that renders charts (`run-local`, `sweep`) opens before its work: accounts, log, redactor, lease owner. */
export interface ChartCommandSession {
  readonly accounts: readonly ChartImgAccount[];
  /** JSON lines on stderr, every API key removed. */
  readonly log: FlushableEventLog;
  /** Removes every configured key, in any form, from what the command prints (provider text may carry one). */
  readonly redactor: SecretRedactor;
  /** Who holds the step leases this process takes: `<owner>@<host>:<pid>`. */
  readonly owner: string;
  /** Builds the command's container (see {@link composeOrFail}); it is released when the command ends. */
  readonly compose: (build: () => Promise<Container>) => Promise<Container>;
}

type OpenedSession = Omit<ChartCommandSession, 'compose'>;

/** Loads the accounts (one is required unless the mode is `mock`) and opens the log and the redactor over their keys. */
async function openChartCommandSession(config: ChartSettings, io: CliIo, owner: string): Promise<OpenedSession> {
  const accounts = required(await loadAccounts(config.accounts, { requireOne: config.chartsApiMode !== 'mock' }));
  const secrets = accounts.map((account) => account.apiKey);
  const log = createEventLog({ service: CLI_SERVICE, env: config.env, level: config.logLevel, stream: io.stderr, secrets });
  return { accounts, log, redactor: createSecretRedactor(secrets), owner: `${owner}@${hostname()}:${process.pid}` };
}

/** How a chart command names and logs its crash: each command names its own event, so the log catalog finds it at the call site. */
export interface ChartCommandFailure {
  readonly command: string;
  readonly logCrash: (log: FlushableEventLog, text: string, message: string) => void;
}

/** A command that renders charts: how its configuration is resolved, how it fails, and its work. */
export interface ChartCommand<F, C extends ChartSettings> extends ChartCommandFailure {
  /** The lease owner's name, before `@<host>:<pid>`. */
  readonly owner: string;
  /** Resolves the configuration without I/O; a problem is the command's usage error. */
  readonly resolveConfig: (flags: F, env: Env) => ConfigResult<C>;
  /** The work, with the session open, to its exit code. */
  readonly run: (config: C, session: ChartCommandSession, io: CliIo) => Promise<number>;
}

/**
 * Runs a chart command to its exit code: resolves its configuration, opens its session and does its work.
 * A usage or configuration error prints its one line and exits 2; anything else is logged by `logCrash`
 * and printed as "`command` stopped: message", exit 1; every printed line has the keys removed.
 */
export async function runChartCommand<F, C extends ChartSettings>(flags: F, io: CliIo, command: ChartCommand<F, C>): Promise<number> {
  let session: OpenedSession | undefined;
  let container: Container | undefined;
  try {
    const config = required(command.resolveConfig(flags, io.env));
    session = await openChartCommandSession(config, io, command.owner);
    const compose = async (build: () => Promise<Container>) => (container = await composeOrFail(build));
    return await command.run(config, { ...session, compose }, io);
  } catch (error) {
    return await endChartCommand(error, session, command, io);
  } finally {
    await container?.unbindAll();
  }
}

async function endChartCommand(error: unknown, session: OpenedSession | undefined, failure: ChartCommandFailure, io: CliIo): Promise<number> {
  const stopped = (problem: unknown) => `${failure.command} stopped: ${messageOf(problem)}`;
  if (session !== undefined && !(error instanceof UsageError)) failure.logCrash(session.log, stopped(error), messageOf(error));
  await session?.log.flush();
  const redactor = session?.redactor ?? createSecretRedactor([]);
  return await endCommand(error, io, stopped, (text) => redactor.redact(text));
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
