import { Type } from 'typebox';

/** RFC 3339 timestamp with an offset, e.g. `2025-12-15T10:26:12Z`. */
export const Rfc3339Timestamp = Type.String({
  format: 'date-time',
  description: 'RFC 3339 timestamp with a time-zone offset, e.g. 2025-12-15T10:26:12Z.',
});

/** `YYYYMMDD-HHmmss_<SYMBOLSLUG>_<suffix>`, the flow_run document id. */
export const RUN_ID_PATTERN = '^[0-9]{8}-[0-9]{6}_[A-Z0-9]+(?:-[A-Z0-9]+)*_[a-z0-9]{3,6}$';

/** Longest id (run, step, chart template) in characters: ids become object-name segments and document keys. */
export const MAX_ID_LENGTH = 200;

/**
 * Most charts one CHART_EXPORT step may request. Each request can cost a Chart-IMG call, and an account has
 * about 44 a day; a step asking for more is a mistake to refuse before anything is spent.
 */
export const MAX_CHART_REQUESTS = 50;

/** A Cloud Storage URI, `gs://<bucket>/<object>`. */
export const GS_URI_PATTERN = '^gs://.+';

/** The error object of a step, a flow_run or a manifest failure: a code, a readable message, details without secrets. */
export const ErrorObjectSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, description: 'Stable error code, e.g. VALIDATION_FAILED or CHART_API_FAILED.' }),
    message: Type.String({ minLength: 1, description: 'Human-readable message naming the field or request and the cause.' }),
    details: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Free-form details; never contains secrets such as API keys.' })),
  },
  { additionalProperties: false, description: 'An error: code, message and optional details.' },
);

/** One requested chart: the template to render. */
export const ChartRequestSchema = Type.Object(
  { chartTemplateId: Type.String({ minLength: 1, description: 'Id of the chart template to render.' }) },
  { additionalProperties: false, description: 'One requested chart image.' },
);
