import { open as openFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  STEP_STATUSES,
  toRfc3339Utc,
  type ClaimResult,
  type FinalizeResult,
  type FlowRunStore,
  type StepFinalization,
  type StepStatus,
} from '@worker-chart-export/domain';
import { writeFileAtomic } from './atomic-write.js';
import { describeJsonSyntaxError } from './describe-json-syntax-error.js';
import { FlowRunFileError } from './flow-run-file-error.js';
import { describeError, isErrnoCode } from './fs-errors.js';

type JsonObject = Record<string, unknown>;

/** Largest flow_run file read: Firestore's limit on one document, so any real flow_run fits. */
const MAX_FLOW_RUN_FILE_BYTES = 1024 * 1024;
/**
 * Deepest nesting of objects and arrays accepted. A flow_run needs about 6 levels and Firestore stores at most 20;
 * far deeper input would overflow the stack of every recursive reader after this one (copy, schema check, write).
 */
const MAX_FLOW_RUN_DEPTH = 64;

export interface JsonFileFlowRunStoreOptions {
  /** Write the whole document back to the file (atomically) after every change. */
  readonly writeBack: boolean;
}

/**
 * A flow_run read from a JSON file (the embedded default). Claim and finalize change the document in
 * memory; with `writeBack` the file is rewritten after each change. The file is bounded (at most 1 MiB,
 * nesting at most 64 deep) and only checked for the shape the store needs (an object whose `steps` is an
 * object); the domain validates the rest.
 */
export class JsonFileFlowRunStore implements FlowRunStore {
  private pendingWrite: Promise<void> = Promise.resolve();

  private constructor(
    /** Absolute path of the file. */
    readonly path: string,
    private readonly document: JsonObject & { steps: Record<string, unknown> },
    private readonly writeBack: boolean,
  ) {}

  /** Reads the file; rejects with a {@link FlowRunFileError} when it cannot be used. */
  static async open(path: string, options: JsonFileFlowRunStoreOptions): Promise<JsonFileFlowRunStore> {
    const file = resolve(path);
    let text: string;
    try {
      const bytes = await readAtMost(file, MAX_FLOW_RUN_FILE_BYTES);
      if (bytes === undefined) {
        throw new FlowRunFileError('too-large', file, `flow_run file ${file} is larger than ${MAX_FLOW_RUN_FILE_BYTES} bytes`);
      }
      text = bytes.toString('utf8');
    } catch (error) {
      if (error instanceof FlowRunFileError) throw error;
      if (isErrnoCode(error, 'ENOENT')) {
        throw new FlowRunFileError('missing', file, `flow_run file ${file} does not exist`, { cause: error });
      }
      throw new FlowRunFileError('unreadable', file, `cannot read flow_run file ${file}: ${describeError(error)}`, {
        cause: error,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new FlowRunFileError('not-json', file, `flow_run file ${file} is not valid JSON: ${describeJsonSyntaxError(error, text)}`, {
        cause: error,
      });
    }
    if (nestingDepthOver(parsed, MAX_FLOW_RUN_DEPTH)) {
      throw new FlowRunFileError('too-deep', file, `flow_run file ${file} nests objects or arrays more than ${MAX_FLOW_RUN_DEPTH} levels deep`);
    }
    if (!isJsonObject(parsed) || !isJsonObject(parsed['steps'])) {
      throw new FlowRunFileError('not-an-object', file, `flow_run file ${file} is not a JSON object whose "steps" is an object`);
    }
    return new JsonFileFlowRunStore(file, parsed as JsonObject & { steps: JsonObject }, options.writeBack);
  }

  /** A copy of the document as it is now (after any claim or finalize). */
  current(): unknown {
    return structuredClone(this.document);
  }

  async load(runId: string): Promise<unknown> {
    return this.document['runId'] === runId ? structuredClone(this.document) : undefined;
  }

  async claim(runId: string, stepId: string, at: Date): Promise<ClaimResult> {
    const step = this.step(runId, stepId);
    const status = statusOf(step);
    if (step === undefined || status !== 'READY') return { type: 'not-ready', status };
    step['status'] = 'RUNNING';
    this.document['updatedAt'] = toRfc3339Utc(at);
    await this.persist();
    return { type: 'claimed' };
  }

  async finalize(runId: string, stepId: string, result: StepFinalization): Promise<FinalizeResult> {
    const step = this.step(runId, stepId);
    const status = statusOf(step);
    if (step === undefined || status !== 'RUNNING') return { type: 'unchanged', status };
    const finishedAt = toRfc3339Utc(result.finishedAt);
    step['status'] = result.status;
    step['finishedAt'] = finishedAt;
    step['outputs'] = { ...(isJsonObject(step['outputs']) ? step['outputs'] : {}), ...plainJson(result.outputs) };
    if (result.status === 'FAILED' && result.error !== undefined) step['error'] = plainJson(result.error);
    else delete step['error'];
    this.document['updatedAt'] = finishedAt;
    await this.persist();
    return { type: 'written' };
  }

  private step(runId: string, stepId: string): JsonObject | undefined {
    if (this.document['runId'] !== runId || !Object.hasOwn(this.document.steps, stepId)) return undefined;
    const step = this.document.steps[stepId];
    return isJsonObject(step) ? step : undefined;
  }

  /** Writes are chained so the file always ends with the latest document, whatever order they settle in. */
  private persist(): Promise<void> {
    if (!this.writeBack) return Promise.resolve();
    const bytes = Buffer.from(`${JSON.stringify(this.document, null, 2)}\n`, 'utf8');
    const write = this.pendingWrite
      .catch(() => undefined)
      .then(() => writeFileAtomic(this.path, bytes, 'overwrite'))
      .catch((error: unknown) => {
        throw new Error(`cannot write flow_run file ${this.path}: ${describeError(error)}`, { cause: error });
      });
    this.pendingWrite = write;
    return write;
  }
}

/** The file's bytes, or undefined when it holds more than `limit` (a FIFO or device is never read past it). */
async function readAtMost(file: string, limit: number): Promise<Buffer | undefined> {
  const handle = await openFile(file, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.byteLength) {
      const { bytesRead } = await handle.read(buffer, length, buffer.byteLength - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > limit ? undefined : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Whether objects and arrays nest deeper than `limit` (iterative: the input may be far deeper than the stack). */
function nestingDepthOver(value: unknown, limit: number): boolean {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.node !== 'object' || next.node === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.node)) pending.push({ node: child, depth });
  }
  return false;
}

/** A deep copy as JSON would store it (keys whose value is undefined are dropped, like Firestore's ignoreUndefinedProperties). */
function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statusOf(step: JsonObject | undefined): StepStatus | undefined {
  const status = step?.['status'];
  return (STEP_STATUSES as readonly unknown[]).includes(status) ? (status as StepStatus) : undefined;
}
