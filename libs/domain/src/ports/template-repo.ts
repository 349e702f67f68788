/** A template document as stored, not yet validated (the domain validates every source the same way). */
export interface TemplateRecord {
  readonly id: string;
  /** Where it came from, for messages: a file path or a Firestore document path. */
  readonly source: string;
  readonly data: unknown;
}

/** Chart templates by id: files in `chart-templates/` locally, `chart_templates/{id}` in Firestore. */
export interface TemplateRepo {
  /** undefined when no template with that id exists. Unreadable sources reject. */
  get(id: string): Promise<TemplateRecord | undefined>;
}
export const TemplateRepo = Symbol.for('worker-chart-export.TemplateRepo');
