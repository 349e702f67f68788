import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  validateChartsOutputsManifest,
  type ChartsOutputsManifest,
  type FlowRunStore,
  type RunChartExportStepResult,
  type TemplateRepo,
} from '@worker-chart-export/domain';
import {
  aTemplate,
  FakeClock,
  InMemoryAccountPool,
  InMemoryFlowRunStore,
  inMemoryStepRig,
  MapTemplateRepo,
  type InMemoryStepParts,
} from '@worker-chart-export/domain/testing';
import { FsTemplateRepo } from '@worker-chart-export/adapter-local';
import { buildCaseFlowRun, rawRequestsOf, type CaseFlowRun } from './build-case-flow-run.js';
import type { CaseVerdict, FlowRunCase, StepExpect, TemplateCase } from './hostile-case.js';
import { checkMessage } from './check-message.js';

const BUCKET = 'charts-hostile';

/** Runs a flow_run or template case through `RunChartExportStep` over the domain's in-memory fakes. */
export async function runStepCase(c: FlowRunCase | TemplateCase): Promise<CaseVerdict> {
  const flowRun =
    c.area === 'flow_run' ? buildCaseFlowRun(c.input) : buildCaseFlowRun({ inputs: { requests: [{ chartTemplateId: c.input.chartTemplateId }] } });
  // Like Firestore, the store holds the document under an id of its own: by default its runId, whatever its type.
  const documentId = (c.area === 'flow_run' ? c.input.documentId : undefined) ?? String((flowRun.document as Record<string, unknown> | null)?.['runId']);
  const store = new CaseFlowRunStore(documentId, flowRun.document);
  const templateDir = c.area === 'template' && c.input.file !== undefined ? await mkdtemp(join(tmpdir(), 'hostile-templates-')) : undefined;
  try {
    const clock = new FakeClock();
    const { useCase, blobs, chartApi } = inMemoryStepRig({
      clock,
      flowRuns: store,
      templates: await templatesFor(c, flowRun, templateDir),
      accounts: new InMemoryAccountPool([{ id: 'acc-hostile', plan: 'PRO' }], clock),
      owner: 'hostile-corpus',
      settings: { bucket: BUCKET },
    });
    const commandStepId = c.area === 'flow_run' ? c.input.commandStepId : undefined;
    let result: RunChartExportStepResult;
    try {
      result = await useCase.execute({ runId: documentId, ...(commandStepId === undefined ? {} : { stepId: commandStepId }) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { id: c.id, message, problems: [`RunChartExportStep threw instead of returning an outcome: ${message}`] };
    }
    const verdict = judge(c, result, { documentId, flowRun, store, blobs, chartApi });
    // Temporary paths would make the generated table differ from run to run.
    return templateDir === undefined ? verdict : { ...verdict, message: verdict.message.split(templateDir).join('<tmp>') };
  } finally {
    if (templateDir !== undefined) await rm(templateDir, { recursive: true, force: true });
  }
}

interface Observed extends Pick<InMemoryStepParts, 'blobs' | 'chartApi'> {
  readonly documentId: string;
  readonly flowRun: CaseFlowRun;
  readonly store: CaseFlowRunStore;
}

function judge(c: FlowRunCase | TemplateCase, result: RunChartExportStepResult, seen: Observed): CaseVerdict {
  const expected: StepExpect = c.expect;
  const problems: string[] = [];
  const manifest = storedManifest(seen.blobs);
  const message = messageOf(c, result, manifest);
  if (result.status !== expected.status) problems.push(`status ${result.status}, expected ${expected.status}`);
  if (expected.code !== undefined && (result.status === 'NOOP' || result.error?.code !== expected.code)) {
    problems.push(`error code ${result.status === 'NOOP' ? 'none (NOOP)' : (result.error?.code ?? 'none')}, expected ${expected.code}`);
  }
  if (expected.noopReason !== undefined && (result.status !== 'NOOP' || result.reason !== expected.noopReason)) {
    problems.push(`NOOP reason ${result.status === 'NOOP' ? result.reason : 'none'}, expected ${expected.noopReason}`);
  }
  problems.push(...checkMessage(message, expected.mentions ?? []));

  const pngs = seen.blobs.paths().filter((path) => path.endsWith('.png'));
  if (expected.code === 'VALIDATION_FAILED' && (pngs.length > 0 || seen.chartApi.calls.length > 0)) {
    problems.push(`validation failed yet ${seen.chartApi.calls.length} Chart-IMG call(s) were made and ${pngs.length} PNG(s) written`);
  }
  if (expected.nothingWritten === true && seen.blobs.paths().length > 0) {
    problems.push(`${seen.blobs.paths().length} object(s) written, expected none`);
  }
  if (result.status === 'NOOP') {
    if (seen.store.writes > 0) problems.push(`a NOOP wrote the flow_run ${seen.store.writes} time(s)`);
  } else {
    // The document the worker claimed must end terminal, whatever its fields say.
    const step = seen.store.step(seen.documentId, seen.flowRun.stepKey);
    if (step?.['status'] !== result.status) problems.push(`the claimed step is left ${String(step?.['status'])}, not ${result.status}`);
    if (result.outputsManifestGcsUri !== undefined && manifest === undefined) problems.push(`${result.outputsManifestGcsUri} is reported but was not written`);
  }
  if (manifest !== undefined) problems.push(...checkManifest(manifest, rawRequestsOf(seen.flowRun)));
  return { id: c.id, message, problems };
}

/** Every request listed once, in `requested` and in exactly one of items/failures; schema-valid. */
function checkManifest(manifest: unknown, rawRequests: readonly unknown[] | undefined): string[] {
  const valid = validateChartsOutputsManifest(manifest);
  if (!valid.ok) return ['the written manifest is not schema-valid'];
  const m = manifest as ChartsOutputsManifest;
  const problems: string[] = [];
  const settled = m.items.length + (m.failures?.length ?? 0);
  if (settled !== m.requested.length) problems.push(`manifest settles ${settled} of its ${m.requested.length} requested charts`);
  if (rawRequests !== undefined && m.requested.length !== rawRequests.length) {
    problems.push(`manifest lists ${m.requested.length} requests, the step has ${rawRequests.length}`);
  }
  return problems;
}

function messageOf(c: FlowRunCase | TemplateCase, result: RunChartExportStepResult, manifest: unknown): string {
  if (result.status === 'NOOP') return result.message;
  // A template problem is a per-request failure: the manifest names the field, the step error counts charts.
  const failure = (manifest as ChartsOutputsManifest | undefined)?.failures?.[0]?.error.message;
  if (c.area === 'template' && failure !== undefined) return failure;
  if (result.error !== undefined) return `${result.error.code}: ${result.error.message}`;
  return `${result.status}: ${result.itemsCount} of ${result.itemsCount + result.failuresCount} charts rendered`;
}

function storedManifest(blobs: InMemoryStepParts['blobs']): unknown {
  const key = blobs.paths().find((path) => path.endsWith('/manifest.json'));
  return key === undefined ? undefined : blobs.json(key);
}

async function templatesFor(c: FlowRunCase | TemplateCase, flowRun: CaseFlowRun, dir: string | undefined): Promise<TemplateRepo> {
  if (c.area === 'flow_run') {
    const documents: Record<string, unknown> = {};
    for (const request of rawRequestsOf(flowRun) ?? []) {
      const id = (request as { chartTemplateId?: unknown } | null)?.chartTemplateId;
      if (typeof id === 'string') documents[id] = aTemplate(id);
    }
    return new MapTemplateRepo({ ...documents, ...c.input.templates });
  }
  const { chartTemplateId, template } = c.input;
  if (dir === undefined) return new MapTemplateRepo(template === undefined ? {} : { [chartTemplateId]: template });
  await writeFile(join(dir, `${c.input.chartTemplateId}.json`), c.input.file ?? '');
  return new FsTemplateRepo(dir);
}

/** The domain's InMemoryFlowRunStore, except that `load` hands out any document as is (null, arrays, numbers). */
class CaseFlowRunStore implements FlowRunStore {
  private readonly inner: InMemoryFlowRunStore;
  private readonly raw: unknown;

  constructor(documentId: string, document: unknown) {
    const usable = typeof document === 'object' && document !== null && !Array.isArray(document);
    this.inner = new InMemoryFlowRunStore();
    if (usable) this.inner.docs.set(documentId, structuredClone(document) as never);
    this.raw = usable ? undefined : document;
  }

  get writes(): number {
    return this.inner.writes;
  }

  load(runId: string): Promise<unknown> {
    return this.raw === undefined ? this.inner.load(runId) : Promise.resolve(structuredClone(this.raw));
  }

  claim: FlowRunStore['claim'] = (runId, stepId, at) => this.inner.claim(runId, stepId, at);
  finalize: FlowRunStore['finalize'] = (runId, stepId, result) => this.inner.finalize(runId, stepId, result);

  step(runId: string, stepId: string): Record<string, unknown> | undefined {
    return this.inner.step(runId, stepId);
  }
}
