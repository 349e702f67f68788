import { Type } from 'typebox';

/** RFC 3339 timestamp, e.g. `2025-12-15T10:26:12Z`. */
export const Rfc3339Timestamp = Type.String({ format: 'date-time' });

/** `YYYYMMDD-HHmmss_<SYMBOLSLUG>_<suffix>`, the flow_run document id. */
export const RUN_ID_PATTERN = '^[0-9]{8}-[0-9]{6}_[A-Z0-9]+(?:-[A-Z0-9]+)*_[a-z0-9]{3,6}$';

export const ErrorObjectSchema = Type.Object(
  {
    code: Type.String({ minLength: 1 }),
    message: Type.String({ minLength: 1 }),
    details: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

export const ChartRequestSchema = Type.Object(
  { chartTemplateId: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
