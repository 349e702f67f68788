import { fail, ok, type ConfigResult } from './config-result.js';
import { nonEmpty, parseIntFlag, rejectBlankFlags, type Env } from './env.js';
import { resolveFirestoreTarget, type FirestoreTarget } from './resolve-firestore-target.js';

/** The flags of `events deliver` as commander hands them over. */
export interface EventsDeliverFlags {
  readonly workerUrl?: string;
  readonly flowRunPath?: string;
  readonly runId?: string;
  readonly project?: string;
  readonly eventId?: string;
  readonly timeoutMs?: string;
}

/** The flow_run whose event is delivered: a JSON file, or `flow_runs/{runId}` read from Firestore. */
export type EventSource = { readonly from: 'file'; readonly path: string } | { readonly from: 'firestore'; readonly runId: string };

export interface EventsDeliverConfig {
  readonly workerUrl: string;
  readonly source: EventSource;
  /** The project and database that name the document (and, for `--run-id`, where it is read). */
  readonly firestore: FirestoreTarget;
  /** The CloudEvent id; absent: a fresh one. */
  readonly eventId?: string;
  readonly timeoutMs: number;
  /** `WORKER_ID_TOKEN`: sent as a bearer token (a Cloud Run service that requires authentication). */
  readonly bearerToken?: string;
}

/** The worker answers once the step has run: as long as Cloud Run lets a request take, as deployed. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 600_000;

/**
 * Resolves `events deliver`'s configuration without I/O: the worker URL (http or https), exactly one of
 * `--flow-run-path` and `--run-id`, the project (`--project` > `GOOGLE_CLOUD_PROJECT`, always needed: it names
 * the document), `--event-id`, `--timeout-ms` (1 ms to 1 h, default 600 s) and `WORKER_ID_TOKEN`.
 */
export function resolveEventsDeliverConfig(flags: EventsDeliverFlags, env: Env): ConfigResult<EventsDeliverConfig> {
  const blank = rejectBlankFlags(flags, ['workerUrl', 'flowRunPath', 'runId', 'project', 'eventId', 'timeoutMs']);
  if (!blank.ok) return blank;
  if (flags.workerUrl === undefined) return fail("required option '--worker-url <url>' not specified (e.g. http://127.0.0.1:8080)");
  if (!isHttpUrl(flags.workerUrl)) return fail(`--worker-url ${JSON.stringify(flags.workerUrl)} is not an http:// or https:// URL`);
  if (flags.flowRunPath !== undefined && flags.runId !== undefined) {
    return fail('give either --flow-run-path FILE or --run-id ID, not both');
  }
  const source: EventSource | undefined =
    flags.flowRunPath !== undefined
      ? { from: 'file', path: flags.flowRunPath }
      : flags.runId !== undefined
        ? { from: 'firestore', runId: flags.runId }
        : undefined;
  if (source === undefined) return fail('events deliver needs the flow_run: --flow-run-path FILE, or --run-id ID to read flow_runs/{ID} from Firestore');
  const firestore = resolveFirestoreTarget(flags.project, env, 'events deliver');
  if (!firestore.ok) return firestore;
  const timeoutMs = parseIntFlag('--timeout-ms', flags.timeoutMs, DEFAULT_DELIVERY_TIMEOUT_MS, 1, 3_600_000);
  if (!timeoutMs.ok) return timeoutMs;
  const bearerToken = nonEmpty(env['WORKER_ID_TOKEN']);
  return ok({
    workerUrl: flags.workerUrl,
    source,
    firestore: firestore.value,
    ...(flags.eventId === undefined ? {} : { eventId: flags.eventId }),
    timeoutMs: timeoutMs.value,
    ...(bearerToken === undefined ? {} : { bearerToken }),
  });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
