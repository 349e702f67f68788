/** A template document as stored, not yet validated (the domain validates every source the same way). */
export interface TemplateRecord {
  readonly id: string;
  /** Where it came from, for messages: a file path or a Firestore document path. */
  readonly source: string;
  readonly data: unknown;
}

/**
 * Chart templates by id: files in `chart-templates/` locally, `chart_templates/{id}` in Firestore.
 *
 * Rules every implementation keeps (`describeTemplateRepoContract` checks them):
 * - `get` answers the stored document as it is (`data`, never validated nor completed here: the domain does
 *   that, the same way for every source), under the id asked for, with a `source` naming where it is and holding
 *   the id; each answer is a copy the caller may change;
 * - no template with that id: undefined. An id that cannot name one in this store (empty, `.`, `..`, holding a
 *   `/`, a name the store reserves) is not found either, and is never looked up elsewhere;
 * - a template that exists but cannot be read as a document (an unreadable file, broken JSON) rejects with an
 *   Error naming the id and the source; so do failures of the store itself.
 */
export interface TemplateRepo {
  get(id: string): Promise<TemplateRecord | undefined>;
}
export const TemplateRepo = Symbol.for('worker-chart-export.TemplateRepo');
