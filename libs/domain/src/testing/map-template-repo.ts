import type { TemplateRecord, TemplateRepo } from '../ports/template-repo.js';

/** TemplateRepo over a Map of raw template documents. */
export class MapTemplateRepo implements TemplateRepo {
  readonly reads: string[] = [];
  constructor(private readonly templates: Record<string, unknown> = {}) {}

  set(id: string, data: unknown): void {
    this.templates[id] = data;
  }

  async get(id: string): Promise<TemplateRecord | undefined> {
    this.reads.push(id);
    if (!Object.hasOwn(this.templates, id)) return undefined;
    return { id, source: `memory:${id}`, data: structuredClone(this.templates[id]) };
  }
}
