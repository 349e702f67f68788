import type { Firestore } from '@google-cloud/firestore';
import type { TemplateRecord, TemplateRepo } from '@worker-chart-export/domain';
import { isDocumentId } from './document-id.js';

export const TEMPLATES_COLLECTION = 'chart_templates';

/**
 * Chart templates in `chart_templates/{id}`, the run-time source of truth (docs/design.md#templates). Returns the raw
 * document; the domain validates it exactly as it validates a file. An id that cannot be a document id is
 * simply not found.
 */
export class FirestoreTemplateRepo implements TemplateRepo {
  constructor(private readonly db: Firestore) {}

  async get(id: string): Promise<TemplateRecord | undefined> {
    if (!isDocumentId(id)) return undefined;
    const snapshot = await this.db.collection(TEMPLATES_COLLECTION).doc(id).get();
    if (!snapshot.exists) return undefined;
    return { id, source: `${TEMPLATES_COLLECTION}/${id}`, data: snapshot.data() };
  }
}
