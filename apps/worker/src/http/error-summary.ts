/** `{code?, message}` of anything thrown, for logs and replies: never a stack trace. */
export function errorSummary(error: unknown): { code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}), message: error.message.split('\n')[0] ?? '' };
  }
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const e = error as { code?: unknown; message: string };
    return { ...(typeof e.code === 'string' ? { code: e.code } : {}), message: e.message };
  }
  return { message: String(error) };
}
