import { Type, type Static } from 'typebox';
import { ChartRequestSchema, ErrorObjectSchema, RUN_ID_PATTERN, Rfc3339Timestamp } from './common.schema.js';

export const MANIFEST_SCHEMA_VERSION = 1;

export const ChartItemSchema = Type.Object(
  {
    chartTemplateId: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
    generatedAt: Rfc3339Timestamp,
    label: Type.Optional(Type.String()),
    png_gcs_uri: Type.String({ pattern: '^gs://.+' }),
    signed_url: Type.Optional(Type.String()),
    expires_at: Type.Optional(Rfc3339Timestamp),
    meta: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

export const ChartFailureSchema = Type.Object(
  { request: ChartRequestSchema, error: ErrorObjectSchema },
  { additionalProperties: false },
);

/** `charts/<runId>/<stepId>/manifest.json`: what was asked, what was rendered, what failed. */
export const ChartsOutputsManifestSchema = Type.Object(
  {
    schemaVersion: Type.Integer({ minimum: 1 }),
    runId: Type.String({ pattern: RUN_ID_PATTERN }),
    stepId: Type.String({ minLength: 1 }),
    createdAt: Rfc3339Timestamp,
    symbol: Type.String({ minLength: 1 }),
    timeframe: Type.String({ minLength: 1 }),
    minImages: Type.Integer({ minimum: 0 }),
    requested: Type.Array(ChartRequestSchema, { minItems: 1 }),
    items: Type.Array(ChartItemSchema),
    failures: Type.Optional(Type.Array(ChartFailureSchema)),
  },
  { additionalProperties: false },
);

export type ChartItem = Static<typeof ChartItemSchema>;
export type ChartFailure = Static<typeof ChartFailureSchema>;
export type ChartsOutputsManifest = Static<typeof ChartsOutputsManifestSchema>;
