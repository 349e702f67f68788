import { Type, type Static } from 'typebox';
import { ChartRequestSchema, ErrorObjectSchema, GS_URI_PATTERN, MAX_CHART_REQUESTS, MAX_ID_LENGTH, RUN_ID_PATTERN, Rfc3339Timestamp } from './common.schema.js';

export const STEP_STATUSES = ['PENDING', 'READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const;
export const FLOW_RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export const TRIGGER_TYPES = ['SCHEDULER', 'USER', 'SYSTEM', 'DEBUG_HTTP'] as const;

/** The inputs of a CHART_EXPORT step, checked before any call or write. */
export const ChartExportInputsSchema = Type.Object(
  {
    minImages: Type.Integer({ minimum: 0, description: 'Minimum number of rendered images for the step to succeed.' }),
    requests: Type.Array(ChartRequestSchema, {
      minItems: 1,
      maxItems: MAX_CHART_REQUESTS,
      description: `Requested images (1 to ${MAX_CHART_REQUESTS}); each request yields at most one manifest item.`,
    }),
    ohlcv_gcs_uri: Type.Optional(Type.String({ pattern: GS_URI_PATTERN, description: 'Optional gs:// URI of the OHLCV JSON, for context only.' })),
  },
  { additionalProperties: true, description: 'Inputs of a CHART_EXPORT step.' },
);

const CallCountsSchema = {
  calls: Type.Integer({ minimum: 0, description: 'HTTP attempts made to Chart-IMG.' }),
  succeeded: Type.Integer({ minimum: 0, description: 'Attempts that yielded a PNG.' }),
  failed: Type.Integer({ minimum: 0, description: 'Attempts that did not yield a PNG.' }),
};

/** Per-step Chart-IMG accounting, written beside the manifest URI. */
export const ChartExportUsageSchema = Type.Object(
  {
    ...CallCountsSchema,
    replayed: Type.Integer({ minimum: 0, description: 'Requests answered from fixtures (mock/record); never quota.' }),
    renderedLocally: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Charts drawn by the local renderer (local mode or fallback); never a Chart-IMG call, never quota.' }),
    ),
    byAccount: Type.Record(Type.String(), Type.Object(CallCountsSchema, { additionalProperties: false }), {
      description: 'The same counts per account id.',
    }),
  },
  { additionalProperties: false, description: "Chart-IMG calls of this step's run." },
);

/** What a CHART_EXPORT step writes into `outputs` when it finishes. */
export const ChartExportOutputsSchema = Type.Object(
  {
    outputsManifestGcsUri: Type.Optional(
      Type.String({ pattern: GS_URI_PATTERN, description: 'gs:// URI of the ChartsOutputsManifest; required once SUCCEEDED.' }),
    ),
    signed_url: Type.Optional(Type.String({ description: 'Unused: the bucket is public-read, no signed URLs are issued.' })),
    expires_at: Type.Optional(Rfc3339Timestamp),
    usage: Type.Optional(ChartExportUsageSchema),
  },
  { additionalProperties: true, description: 'Outputs of a CHART_EXPORT step.' },
);

const isChartExport = { properties: { stepType: { const: 'CHART_EXPORT' } }, required: ['stepType'] };

/**
 * One step of a flow_run. Step objects take no extra fields (the upstream schema forbids them).
 * CHART_EXPORT steps are checked further (timeframe, inputs, the manifest URI once SUCCEEDED);
 * other step types keep only the common shape.
 */
export const FlowStepSchema = Type.Object(
  {
    stepType: Type.String({ description: 'Step type, e.g. OHLCV_EXPORT, CHART_EXPORT, LLM_REPORT.' }),
    status: Type.Enum(STEP_STATUSES, {
      description: 'Step status; this worker moves CHART_EXPORT steps READY -> RUNNING -> SUCCEEDED|FAILED.',
    }),
    timeframe: Type.Optional(Type.String({ description: 'Flow timeframe such as 1M, 1w, 1d, 4h, 1h; required for CHART_EXPORT.' })),
    createdAt: Rfc3339Timestamp,
    finishedAt: Type.Optional(Rfc3339Timestamp),
    dependsOn: Type.Array(Type.String({ minLength: 1 }), {
      description: 'Step ids that must be SUCCEEDED before this step runs.',
    }),
    inputs: Type.Object({}, { additionalProperties: true, description: 'Step inputs; their content depends on stepType.' }),
    outputs: Type.Object({}, { additionalProperties: true, description: 'Step outputs; their content depends on stepType.' }),
    error: Type.Optional(ErrorObjectSchema),
  },
  {
    additionalProperties: false,
    description: 'One step of a flow_run, keyed by its stepId.',
    allOf: [
      {
        if: isChartExport,
        then: { required: ['timeframe'], properties: { inputs: ChartExportInputsSchema, outputs: ChartExportOutputsSchema } },
      },
      {
        if: { ...isChartExport, properties: { ...isChartExport.properties, status: { const: 'SUCCEEDED' } } },
        then: { properties: { outputs: { required: ['outputsManifestGcsUri'] } } },
      },
    ],
  },
);

const StepCount = Type.Integer({ minimum: 0 });

/** The orchestrator's progress summary; this worker never writes it. */
export const FlowRunProgressSchema = Type.Object(
  {
    currentStepId: Type.Optional(Type.String({ minLength: 1 })),
    stepCounts: Type.Optional(
      Type.Object(
        {
          total: StepCount,
          pending: Type.Optional(StepCount),
          ready: Type.Optional(StepCount),
          running: Type.Optional(StepCount),
          succeeded: Type.Optional(StepCount),
          failed: Type.Optional(StepCount),
          skipped: Type.Optional(StepCount),
          cancelled: Type.Optional(StepCount),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'Progress summary maintained by the orchestrator.' },
);

/** The flow_run document (`flow_runs/{runId}`): the parts this worker reads and writes, upstream-compatible. */
export const FlowRunSchema = Type.Object(
  {
    schemaVersion: Type.Integer({ minimum: 1, description: 'Version of the flow_run document schema.' }),
    runId: Type.String({
      pattern: RUN_ID_PATTERN,
      maxLength: MAX_ID_LENGTH,
      description: `Firestore document id: YYYYMMDD-HHmmss_<symbolSlug>_<shortSuffix>, at most ${MAX_ID_LENGTH} characters.`,
    }),
    flowKey: Type.String({
      pattern: '^[a-z][a-z0-9_]*_v[0-9]+$',
      description: 'Flow key with a version suffix, e.g. scheduled_month_week_report_v1.',
    }),
    status: Type.Enum(FLOW_RUN_STATUSES, { description: 'Status of the whole run.' }),
    createdAt: Rfc3339Timestamp,
    updatedAt: Type.Optional(Rfc3339Timestamp),
    finishedAt: Type.Optional(Rfc3339Timestamp),
    trigger: Type.Object(
      {
        type: Type.Enum(TRIGGER_TYPES),
        source: Type.String({ minLength: 1, description: 'E.g. a Cloud Scheduler job name or an HTTP endpoint.' }),
      },
      { additionalProperties: false, description: 'What started the run.' },
    ),
    scope: Type.Object(
      { symbol: Type.String({ minLength: 1, description: 'Base trading symbol without a slash, e.g. BTCUSDT.' }) },
      { additionalProperties: true, description: 'Run parameters; extra fields are allowed.' },
    ),
    progress: Type.Optional(FlowRunProgressSchema),
    steps: Type.Record(Type.String(), FlowStepSchema, { description: 'Steps keyed by their deterministic stepId.' }),
    error: Type.Optional(ErrorObjectSchema),
  },
  { additionalProperties: false },
);

export type StepStatus = (typeof STEP_STATUSES)[number];
export type FlowRunStatus = (typeof FLOW_RUN_STATUSES)[number];
export type FlowStep = Static<typeof FlowStepSchema>;
export type FlowRun = Static<typeof FlowRunSchema>;
export type ChartExportInputs = Static<typeof ChartExportInputsSchema>;
export type ChartExportOutputs = Static<typeof ChartExportOutputsSchema>;
export type ChartExportUsage = Static<typeof ChartExportUsageSchema>;
export type StepErrorObject = Static<typeof ErrorObjectSchema>;
export type ChartRequest = Static<typeof ChartRequestSchema>;
