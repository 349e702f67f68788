/** A template source that exists but cannot be used as JSON (unreadable file, syntax error). */
export class TemplateSourceError extends Error {
  override readonly name = 'TemplateSourceError';

  constructor(
    readonly templateId: string,
    readonly source: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`template "${templateId}" at ${source} is not valid JSON: ${reason}`, options);
  }
}

/** true for a {@link TemplateSourceError}. */
export function isTemplateSourceError(error: unknown): error is TemplateSourceError {
  return error instanceof TemplateSourceError;
}
