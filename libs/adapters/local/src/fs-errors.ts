// Errors are recognised by shape, not `instanceof Error`: Node's fs errors may come from another realm
// (jest's VM modules), where `instanceof` is false.

/** true when `error` is a Node system error with this `code` (ENOENT, EEXIST ...). */
export function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** A one-line reason for a failed file or parse operation: the error's message (never a stack), newlines folded. */
export function describeError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
