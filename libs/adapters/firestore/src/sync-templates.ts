import type { Firestore } from '@google-cloud/firestore';
import { canonicalJson } from './canonical-json.js';
import { isDocumentId } from './document-id.js';
import { TEMPLATES_COLLECTION } from './firestore-template-repo.js';

/** Firestore caps a batch at 500 writes. */
const BATCH_LIMIT = 500;

export interface TemplateSyncInput {
  /** The Firestore client. */
  readonly db: Firestore;
  /** Every template of the repo, already validated by the caller (`validateChartTemplate`). */
  readonly templates: readonly { readonly id: string; readonly data: Readonly<Record<string, unknown>> }[];
  /** Compute the diff, write nothing. */
  readonly dryRun: boolean;
  /** Delete documents whose id is not among `templates`. */
  readonly prune: boolean;
}

/** Ids by what happened (or, in a dry run, would happen), each list sorted. */
export interface TemplateSyncReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
  /** Documents not in the repo that were left in place (no `prune`, or a dry run). */
  readonly wouldDelete: string[];
}

/**
 * Makes `chart_templates` match the repo's templates (docs/design.md#templates): creates missing documents, replaces
 * those whose content differs (key order ignored), leaves equal ones untouched and, with `prune`, deletes the
 * rest. Idempotent: a second apply reports everything unchanged.
 */
export async function syncTemplates(input: TemplateSyncInput): Promise<TemplateSyncReport> {
  checkIds(input.templates.map((template) => template.id));
  const collection = input.db.collection(TEMPLATES_COLLECTION);
  const existing = new Map((await collection.get()).docs.map((doc) => [doc.id, canonicalJson(doc.data())]));

  const report: TemplateSyncReport = { created: [], updated: [], unchanged: [], deleted: [], wouldDelete: [] };
  const writes: { id: string; data: Readonly<Record<string, unknown>> }[] = [];
  for (const template of input.templates) {
    const current = existing.get(template.id);
    if (current === undefined) report.created.push(template.id);
    else if (current === canonicalJson(template.data)) report.unchanged.push(template.id);
    else report.updated.push(template.id);
    if (current !== canonicalJson(template.data)) writes.push(template);
  }
  const wanted = new Set(input.templates.map((template) => template.id));
  const stale = [...existing.keys()].filter((id) => !wanted.has(id));
  const deletes = input.prune && !input.dryRun ? stale : [];
  (input.prune && !input.dryRun ? report.deleted : report.wouldDelete).push(...stale);

  if (!input.dryRun) {
    const operations = [
      ...writes.map((template) => ({ id: template.id, data: template.data as Record<string, unknown> })),
      ...deletes.map((id) => ({ id, data: undefined })),
    ];
    for (let start = 0; start < operations.length; start += BATCH_LIMIT) {
      const batch = input.db.batch();
      for (const operation of operations.slice(start, start + BATCH_LIMIT)) {
        const ref = collection.doc(operation.id);
        if (operation.data === undefined) batch.delete(ref);
        else batch.set(ref, operation.data);
      }
      await batch.commit();
    }
  }
  for (const list of Object.values(report)) list.sort();
  return report;
}

function checkIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isDocumentId(id)) throw new Error(`template id ${JSON.stringify(id)} cannot be a Firestore document id`);
    if (seen.has(id)) throw new Error(`template id "${id}" appears more than once`);
    seen.add(id);
  }
}
