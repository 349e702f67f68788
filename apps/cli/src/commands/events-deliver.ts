import { randomUUID } from 'node:crypto';
import { DeliveryError, deliverEvent, firestoreWrittenEvent, type FirestoreWrittenEventInput } from '@worker-chart-export/adapter-eventarc';
import { JsonFileFlowRunStore, isFlowRunFileError } from '@worker-chart-export/adapter-local';
import { writeLine, type CliIo } from '../cli-io.js';
import { resolveEventsDeliverConfig, type EventsDeliverConfig, type EventsDeliverFlags } from '../config/events-deliver-config.js';
import { describeFirestoreTarget } from '../config/resolve-firestore-target.js';
import { loadFirestoreAdapters } from '../firestore/load-cloud-adapters.js';
import { EXIT_CODES } from '../summary/exit-codes.js';
import { UsageError, required } from '../usage-error.js';
import { failedCommand, runCommand } from './run-command.js';

/** The flow_run document an event reports: its data and, when read from Firestore, its times. */
type FlowRunDocument = Pick<FirestoreWrittenEventInput, 'data' | 'createTime' | 'updateTime'> & { readonly runId: string };

/**
 * `events deliver`: sends the worker the event Eventarc sends when `flow_runs/{runId}` is written (a
 * binary-mode `google.cloud.firestore.document.v1.written` CloudEvent with a protobuf `DocumentEventData`),
 * the document taken from a flow_run file or read from Firestore. Prints
 * `{"eventId","document","status","reply"}` as one line on stdout. Exit 0 when the worker answered 2xx,
 * 1 for any other answer or none, 2 for a usage or configuration error.
 */
export function eventsDeliver(flags: EventsDeliverFlags, io: CliIo): Promise<number> {
  return runCommand(io, describeFailure, async () => {
    const config = required(resolveEventsDeliverConfig(flags, io.env));
    const document = config.source.from === 'file' ? await readFlowRunFile(config.source.path) : await readFlowRunDocument(config, config.source.runId);
    const eventId = config.eventId ?? randomUUID();
    const documentPath = `flow_runs/${document.runId}`;
    const request = firestoreWrittenEvent({
      id: eventId,
      projectId: config.firestore.projectId,
      databaseId: config.firestore.databaseId,
      documentPath,
      ...document,
      time: new Date(),
    });
    const reply = await deliverEvent(config.workerUrl, request, {
      timeoutMs: config.timeoutMs,
      ...(config.bearerToken === undefined ? {} : { bearerToken: config.bearerToken }),
    });
    await writeLine(io.stdout, JSON.stringify({ eventId, document: documentPath, status: reply.status, reply: parsedOrText(reply.body) }));
    return reply.status >= 200 && reply.status < 300 ? EXIT_CODES.succeeded : EXIT_CODES.failed;
  });
}

function describeFailure(error: unknown): string {
  return error instanceof DeliveryError ? `the event was not delivered: ${error.message}` : failedCommand('events deliver')(error);
}

/** The flow_run file, with the reader's bounds (size, nesting), as a document named by its `runId`. */
async function readFlowRunFile(path: string): Promise<FlowRunDocument> {
  let data: Record<string, unknown>;
  try {
    data = (await JsonFileFlowRunStore.open(path, { writeBack: false })).current() as Record<string, unknown>;
  } catch (error) {
    if (isFlowRunFileError(error)) throw new UsageError(error.message);
    throw error;
  }
  const runId = data['runId'];
  if (typeof runId !== 'string' || !isDocumentId(runId)) {
    throw new UsageError(`flow_run file ${path}: "runId" ${JSON.stringify(runId ?? null)} cannot name a flow_runs document`);
  }
  return { runId, data };
}

/** `flow_runs/{runId}` as Firestore holds it now, with its create and update times. */
async function readFlowRunDocument(config: EventsDeliverConfig, runId: string): Promise<FlowRunDocument> {
  if (!isDocumentId(runId)) throw new UsageError(`--run-id ${JSON.stringify(runId)} cannot name a flow_runs document`);
  const firestore = await loadFirestoreAdapters();
  const db = firestore.createFirestore({ projectId: config.firestore.projectId, databaseId: config.firestore.databaseId });
  try {
    const snapshot = await db.collection(firestore.FLOW_RUNS_COLLECTION).doc(runId).get();
    const data = snapshot.data();
    if (!snapshot.exists || data === undefined || snapshot.createTime === undefined || snapshot.updateTime === undefined) {
      throw new UsageError(`--run-id ${JSON.stringify(runId)}: no document flow_runs/${runId} in ${describeFirestoreTarget(config.firestore)}`);
    }
    const time = (at: { seconds: number; nanoseconds: number }) => ({ seconds: at.seconds, nanos: at.nanoseconds });
    return { runId, data, createTime: time(snapshot.createTime), updateTime: time(snapshot.updateTime) };
  } finally {
    await db.terminate();
  }
}

/** A document id Firestore accepts and that addresses exactly one document of `flow_runs`. */
function isDocumentId(id: string): boolean {
  return id !== '' && !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id) && Buffer.byteLength(id, 'utf8') <= 1500;
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
