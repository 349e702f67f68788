import { AccountsConfigSchema, ChartTemplateSchema, ChartsOutputsManifestSchema, FlowRunSchema } from '@worker-chart-export/domain';
import type { TSchema } from 'typebox';

/** Where the published JSON Schemas claim to live; only an identifier, nothing is fetched from it. */
export const CONTRACTS_BASE_ID = 'https://worker-chart-export.local/contracts/';

interface ContractDocument {
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly schema: TSchema;
}

/** The JSON Schemas published in `contracts/`, each generated from its TypeBox schema. */
export const CONTRACT_DOCUMENTS: readonly ContractDocument[] = [
  {
    file: 'flow_run.schema.json',
    title: 'FlowRun',
    description:
      'A flow_run document (Firestore flow_runs/{runId}) as worker-chart-export reads and writes it. CHART_EXPORT steps are checked in full; other step types keep the common step shape.',
    schema: FlowRunSchema,
  },
  {
    file: 'charts_outputs_manifest.schema.json',
    title: 'ChartsOutputsManifest',
    description:
      'Output of a CHART_EXPORT step, written to gs://<bucket>/charts/<runId>/<stepId>/manifest.json: what was requested (requested, minImages) and what was rendered (items) or failed (failures).',
    schema: ChartsOutputsManifestSchema,
  },
  {
    file: 'chart_template.schema.json',
    title: 'ChartTemplate',
    description:
      'A chart template (Firestore chart_templates/{id}, seeded from chart-templates/<id>.json). Only the outer shape: the request body is checked against the Chart-IMG catalogue by the worker.',
    schema: ChartTemplateSchema,
  },
  {
    file: 'chart_img_accounts.schema.json',
    title: 'ChartImgAccounts',
    description:
      'The CHART_IMG_ACCOUNTS_JSON secret (or --accounts-config-path file): Chart-IMG accounts with their API keys. Unique ids are checked by the worker, not by this schema.',
    schema: AccountsConfigSchema,
  },
];

/** The file name and exact text of every contract file, as `npm run contracts:generate` writes them. */
export function renderContractDocuments(): Map<string, string> {
  const rendered = new Map<string, string>();
  for (const doc of CONTRACT_DOCUMENTS) {
    // A JSON round trip drops TypeBox's symbol-keyed metadata.
    const { description: _own, ...schema } = JSON.parse(JSON.stringify(doc.schema)) as Record<string, unknown>;
    const json = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${CONTRACTS_BASE_ID}${doc.file}`,
      title: doc.title,
      description: doc.description,
      ...schema,
    };
    rendered.set(doc.file, `${JSON.stringify(json, null, 2)}\n`);
  }
  return rendered;
}
