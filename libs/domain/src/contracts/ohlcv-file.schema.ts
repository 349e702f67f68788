import { Type, type Static } from 'typebox';
import { createSchemaValidator } from './create-schema-validator.js';
import { formatIssues, type ValidationResult } from './validation-issue.js';

/** One candle of an OHLCV export. */
export const OhlcvRowSchema = Type.Object(
  {
    date: Type.String({ format: 'date-time', description: 'Open time of the candle (RFC 3339).' }),
    open: Type.Number(),
    high: Type.Number(),
    low: Type.Number(),
    close: Type.Number(),
    volume: Type.Number(),
  },
  { additionalProperties: false, description: 'One OHLCV candle.' },
);

/** The file an `OHLCV_EXPORT` step writes: the export request and its candles. */
export const OhlcvExportFileSchema = Type.Object(
  {
    metadata: Type.Object(
      {
        request_id: Type.String({ description: "The exporter's request id (diagnostics)." }),
        request_timestamp: Type.String({ format: 'date-time' }),
        symbol: Type.String({ minLength: 1, description: 'e.g. BTCUSDT or BTC/USDT.' }),
        timeframe: Type.String({ minLength: 1, description: "The exporter's timeframe string, e.g. 1h." }),
        query_type: Type.Union([Type.Literal('all'), Type.Literal('range')]),
        query_parameters: Type.Object({}, { additionalProperties: true }),
      },
      { additionalProperties: false },
    ),
    data: Type.Array(OhlcvRowSchema),
  },
  { additionalProperties: false, description: 'OHLCV export file: request metadata and candles.' },
);

export type OhlcvRow = Static<typeof OhlcvRowSchema>;
export type OhlcvExportFile = Static<typeof OhlcvExportFileSchema>;

const ohlcvExportFile = createSchemaValidator(OhlcvExportFileSchema);

/** Checks a parsed OHLCV export file against its schema. */
export function validateOhlcvExportFile(value: unknown): ValidationResult<OhlcvExportFile> {
  return ohlcvExportFile(value);
}

/**
 * Decodes the bytes of an OHLCV export file read from `source` (a `gs://` URI): JSON, then the schema.
 * Throws an Error whose one-line message names the source and the offending field.
 */
export function decodeOhlcvExportFile(bytes: Uint8Array, source: string): OhlcvExportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`OHLCV file ${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = validateOhlcvExportFile(parsed);
  if (!result.ok) throw new Error(`OHLCV file ${source} is invalid: ${formatIssues(result.issues)}`);
  return result.value;
}
