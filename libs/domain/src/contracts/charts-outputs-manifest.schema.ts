import { Type, type Static } from 'typebox';
import { ChartRequestSchema, ErrorObjectSchema, GS_URI_PATTERN, MAX_ID_LENGTH, RUN_ID_PATTERN, Rfc3339Timestamp } from './common.schema.js';

export const MANIFEST_SCHEMA_VERSION = 1;

/** One rendered image. */
export const ChartItemSchema = Type.Object(
  {
    chartTemplateId: Type.String({ minLength: 1, description: 'Template this image was rendered from.' }),
    kind: Type.String({ minLength: 1, description: "What the image shows; the template's description." }),
    generatedAt: Type.String({ format: 'date-time', description: 'When this image was rendered (UTC, RFC 3339).' }),
    label: Type.Optional(Type.String()),
    png_gcs_uri: Type.String({ pattern: GS_URI_PATTERN, description: 'gs:// URI of the PNG.' }),
    signed_url: Type.Optional(Type.String({ description: 'Unused: the bucket is public-read.' })),
    expires_at: Type.Optional(Rfc3339Timestamp),
    meta: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Free-form render details.' })),
  },
  { additionalProperties: false, description: 'One rendered chart image.' },
);

/** One request that produced no image, with the reason. */
export const ChartFailureSchema = Type.Object(
  { request: ChartRequestSchema, error: ErrorObjectSchema },
  { additionalProperties: false, description: 'A request that produced no image, and why.' },
);

/** `charts/<runId>/<stepId>/manifest.json`: what was asked, what was rendered, what failed. */
export const ChartsOutputsManifestSchema = Type.Object(
  {
    schemaVersion: Type.Integer({ minimum: 1, description: 'Version of the manifest schema.' }),
    runId: Type.String({ pattern: RUN_ID_PATTERN, maxLength: MAX_ID_LENGTH, description: 'The flow_run document id.' }),
    stepId: Type.String({ minLength: 1, description: 'The CHART_EXPORT step id.' }),
    createdAt: Rfc3339Timestamp,
    symbol: Type.String({ minLength: 1, description: 'Base symbol from flow_run.scope.symbol, e.g. BTCUSDT.' }),
    timeframe: Type.String({ minLength: 1, description: "The step's timeframe as written in the flow_run, e.g. 1M." }),
    minImages: Type.Integer({ minimum: 0, description: 'Success threshold, copied from the step inputs.' }),
    requested: Type.Array(ChartRequestSchema, { minItems: 1, description: 'What was asked for, copied from the step inputs.' }),
    items: Type.Array(ChartItemSchema, { description: 'Images actually rendered.' }),
    failures: Type.Optional(Type.Array(ChartFailureSchema, { description: 'Requests that produced no image.' })),
  },
  {
    additionalProperties: false,
    description: 'Output of a CHART_EXPORT step, written to GCS: the request (requested, minImages) and the results (items, failures).',
  },
);

export type ChartItem = Static<typeof ChartItemSchema>;
export type ChartFailure = Static<typeof ChartFailureSchema>;
export type ChartsOutputsManifest = Static<typeof ChartsOutputsManifestSchema>;
