/** A one-line message for a caught `cause`: an Error's first line, anything else as text of at most 300 characters. */
export function errorMessageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message.split('\n')[0] ?? cause.name;
  return String(cause).slice(0, 300);
}
