import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** Stores the seed templates of `chart-templates/` in `chart_templates`, then `flowRun` in `flow_runs`. */
export async function seedFirestore(db: Firestore, flowRun: { runId: string }): Promise<void> {
  const dir = join(REPO_ROOT, 'chart-templates');
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json'))) {
    const template = JSON.parse(await readFile(join(dir, file), 'utf8')) as { id: string };
    await db.collection('chart_templates').doc(template.id).set(template);
  }
  await db.collection('flow_runs').doc(flowRun.runId).set(flowRun);
}
