import { readFile } from 'node:fs/promises';
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
import { FlowRunFileError } from './flow-run-file-error.js';
import { describeError, isErrnoCode } from './fs-errors.js';

type JsonObject = Record<string, unknown>;

export interface JsonFileFlowRunStoreOptions {
  /** Write the whole document back to the file (atomically) after every change. */
  readonly writeBack: boolean;
}

/**
 * A flow_run read from a JSON file (the embedded default, DECISIONS D8). Claim and finalize
 * change the document in memory; with `writeBack` the file is rewritten after each change.
 * The document is only checked for the shape D8 requires (an object whose `steps` is an
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
      text = await readFile(file, 'utf8');
    } catch (error) {
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
      throw new FlowRunFileError('not-json', file, `flow_run file ${file} is not valid JSON: ${describeError(error)}`, {
        cause: error,
      });
    }
    if (!isJsonObject(parsed) || !isJsonObject(parsed['steps'])) {
      throw new FlowRunFileError(
        'not-an-object',
        file,
        `flow_run file ${file} is not a JSON object whose "steps" is an object`,
      );
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
