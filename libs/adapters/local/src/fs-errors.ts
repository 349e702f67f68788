/** true when `error` is a Node system error with this `code` (ENOENT, EEXIST ...). */
export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** A one-line reason for a failed file or parse operation: the error's message (never a stack), newlines folded. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
