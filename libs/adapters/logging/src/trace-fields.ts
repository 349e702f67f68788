const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Cloud Logging's trace correlation fields from a W3C `traceparent` header
 * (`00-<trace-id>-<span-id>-<flags>`); `{}` when the header is absent or malformed.
 */
export function traceFields(traceparent: string | undefined, projectId: string): Record<string, unknown> {
  const match = TRACEPARENT.exec(traceparent?.trim().toLowerCase() ?? '');
  if (!match || projectId === '') return {};
  const [, version, traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(spanId)) return {};
  return {
    'logging.googleapis.com/trace': `projects/${projectId}/traces/${traceId}`,
    'logging.googleapis.com/spanId': spanId,
    'logging.googleapis.com/trace_sampled': (Number.parseInt(flags, 16) & 1) === 1,
  };
}
