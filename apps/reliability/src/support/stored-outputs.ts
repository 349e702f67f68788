import type { Firestore } from '@google-cloud/firestore';
import { formatIssues, manifestObjectPath, parseGsUri, validateChartsOutputsManifest, type ChartsOutputsManifest } from '@worker-chart-export/domain';
import type { FakeGcs } from '@worker-chart-export/tools/fake-gcs/index.js';
import { BUCKET, type ChartStep } from './chart-step.js';

/** What a scenario left behind: the step in Firestore, the manifest and PNGs in the fake GCS, and whether they agree. */
export interface StoredOutputs {
  readonly status: string | undefined;
  readonly errorCode: string | undefined;
  readonly outputsManifestGcsUri: string | undefined;
  /** `outputs.usage.calls`: the Chart-IMG calls the step counted over all its attempts. */
  readonly usageCalls: number | undefined;
  readonly manifest: ChartsOutputsManifest | undefined;
  /** PNG object names under the step's prefix. */
  readonly pngs: readonly string[];
  /** Every way the outputs break "nothing written half, nothing reported that was not stored"; empty when sound. */
  readonly problems: readonly string[];
}

/**
 * Reads the step's terminal state and checks its outputs: a stored manifest is schema-valid and lists every
 * request exactly once (items + failures); every `items[].png_gcs_uri` is a stored PNG; a step that names a
 * manifest has it stored; a SUCCEEDED step names one.
 */
export async function readStoredOutputs(db: Firestore, gcs: FakeGcs, step: ChartStep): Promise<StoredOutputs> {
  const problems: string[] = [];
  const data = (await db.collection('flow_runs').doc(step.runId).get()).data() as { steps?: Record<string, Record<string, unknown>> } | undefined;
  const stored = data?.steps?.[step.stepId];
  const status = typeof stored?.['status'] === 'string' ? stored['status'] : undefined;
  const error = stored?.['error'] as { code?: string } | undefined;
  const outputs = stored?.['outputs'] as { outputsManifestGcsUri?: string; usage?: { calls?: number } } | undefined;

  const manifestObject = gcs.object(BUCKET, manifestObjectPath(step.runId, step.stepId));
  let manifest: ChartsOutputsManifest | undefined;
  if (manifestObject !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifestObject.bytes.toString('utf8'));
    } catch {
      problems.push('manifest.json is not JSON');
    }
    const valid = validateChartsOutputsManifest(parsed);
    if (valid.ok) manifest = valid.value;
    else if (parsed !== undefined) problems.push(`manifest.json is not schema-valid: ${formatIssues(valid.issues)}`);
  }
  if (manifest !== undefined) {
    const listed = [...manifest.items.map((item) => item.chartTemplateId), ...(manifest.failures ?? []).map((f) => f.request.chartTemplateId)];
    const expected = [...step.templateIds].sort();
    if (JSON.stringify([...listed].sort()) !== JSON.stringify(expected)) {
      problems.push(`manifest lists ${JSON.stringify(listed)}, not each of ${JSON.stringify(expected)} once`);
    }
    for (const item of manifest.items) {
      const uri = parseGsUri(item.png_gcs_uri);
      const object = uri === undefined ? undefined : gcs.object(uri.bucket, uri.objectPath);
      if (object === undefined) problems.push(`items[] names ${item.png_gcs_uri}, which is not stored`);
      else if (object.contentType !== 'image/png' || object.bytes.subarray(1, 4).toString('latin1') !== 'PNG') {
        problems.push(`${item.png_gcs_uri} is not a whole PNG`);
      }
    }
  }
  const manifestUri = outputs?.outputsManifestGcsUri;
  if (manifestUri !== undefined && manifest === undefined) problems.push(`the step names ${manifestUri}, which is not a stored, valid manifest`);
  if (status === 'SUCCEEDED' && manifestUri === undefined) problems.push('the step SUCCEEDED without outputsManifestGcsUri');
  if (status === 'SUCCEEDED' && manifest !== undefined && manifest.items.length < step.minImages) {
    problems.push(`the step SUCCEEDED with ${manifest.items.length} items < minImages ${step.minImages}`);
  }

  const prefix = `charts/${step.runId}/${step.stepId}/`;
  const pngs = [...gcs.objects.values()].filter((o) => o.bucket === BUCKET && o.name.startsWith(prefix) && o.name.endsWith('.png')).map((o) => o.name);
  return { status, errorCode: error?.code, outputsManifestGcsUri: manifestUri, usageCalls: outputs?.usage?.calls, manifest, pngs, problems };
}
