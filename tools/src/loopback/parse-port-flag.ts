/** The value of a `--port` flag as a port number (0: any free port); throws naming the value otherwise. */
export function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${value} is not a port number`);
  return port;
}
