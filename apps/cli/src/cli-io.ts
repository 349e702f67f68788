/** The process surface a command uses, injectable so commands can be run in-process by tests. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Writes `text` and a newline, resolving once the stream has accepted it (so exiting cannot cut it off). */
export function writeLine(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(`${text}\n`, () => resolve());
  });
}

/** The one-line message of a usage or configuration error (no stack trace). */
export function usageMessage(message: string): string {
  return `error: ${message.replace(/\s*\n\s*/g, ' ')}`;
}
