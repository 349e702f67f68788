import { Type, type Static } from 'typebox';
import { ChartRequestSchema, ErrorObjectSchema, RUN_ID_PATTERN, Rfc3339Timestamp } from './common.schema.js';

export const STEP_STATUSES = ['PENDING', 'READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const;
export const FLOW_RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

/** One step of a flow_run. Step objects take no extra fields (the upstream schema forbids them). */
export const FlowStepSchema = Type.Object(
  {
    stepType: Type.String(),
    status: Type.Union(STEP_STATUSES.map((s) => Type.Literal(s))),
    timeframe: Type.Optional(Type.String()),
    createdAt: Rfc3339Timestamp,
    finishedAt: Type.Optional(Rfc3339Timestamp),
    dependsOn: Type.Array(Type.String({ minLength: 1 })),
    inputs: Type.Object({}, { additionalProperties: true }),
    outputs: Type.Object({}, { additionalProperties: true }),
    error: Type.Optional(ErrorObjectSchema),
  },
  { additionalProperties: false },
);

/** The inputs of a CHART_EXPORT step, checked before any call or write. */
export const ChartExportInputsSchema = Type.Object(
  {
    minImages: Type.Integer({ minimum: 0 }),
    requests: Type.Array(ChartRequestSchema, { minItems: 1 }),
    ohlcv_gcs_uri: Type.Optional(Type.String({ pattern: '^gs://.+' })),
  },
  { additionalProperties: true },
);

/** What a CHART_EXPORT step writes into `outputs` when it finishes. */
export const ChartExportOutputsSchema = Type.Object(
  {
    outputsManifestGcsUri: Type.Optional(Type.String({ pattern: '^gs://.+' })),
    signed_url: Type.Optional(Type.String()),
    expires_at: Type.Optional(Rfc3339Timestamp),
  },
  { additionalProperties: true },
);

/** The flow_run document (`flow_runs/{runId}`): the parts this worker reads and writes, upstream-compatible. */
export const FlowRunSchema = Type.Object(
  {
    schemaVersion: Type.Integer({ minimum: 1 }),
    runId: Type.String({ pattern: RUN_ID_PATTERN }),
    flowKey: Type.String({ pattern: '^[a-z][a-z0-9_]*_v[0-9]+$' }),
    status: Type.Union(FLOW_RUN_STATUSES.map((s) => Type.Literal(s))),
    createdAt: Rfc3339Timestamp,
    updatedAt: Type.Optional(Rfc3339Timestamp),
    finishedAt: Type.Optional(Rfc3339Timestamp),
    trigger: Type.Object(
      {
        type: Type.Union(['SCHEDULER', 'USER', 'SYSTEM', 'DEBUG_HTTP'].map((s) => Type.Literal(s))),
        source: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    scope: Type.Object({ symbol: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
    progress: Type.Optional(Type.Object({}, { additionalProperties: true })),
    steps: Type.Record(Type.String(), FlowStepSchema),
    error: Type.Optional(ErrorObjectSchema),
  },
  { additionalProperties: false },
);

export type StepStatus = (typeof STEP_STATUSES)[number];
export type FlowStep = Static<typeof FlowStepSchema>;
export type FlowRun = Static<typeof FlowRunSchema>;
export type ChartExportInputs = Static<typeof ChartExportInputsSchema>;
export type ChartExportOutputs = Static<typeof ChartExportOutputsSchema>;
export type StepErrorObject = Static<typeof ErrorObjectSchema>;
export type ChartRequest = Static<typeof ChartRequestSchema>;
