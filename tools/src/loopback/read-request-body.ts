import type { IncomingMessage } from 'node:http';

/**
 * A fake's request body, bounded by `maxBytes`. Past the bound, `overflow` decides: `throw` rejects at once;
 * `drop` reads on to the end but keeps only the chunks that fitted, so the fake can still answer.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number, overflow: 'throw' | 'drop'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else if (overflow === 'throw') throw new Error(`request body over ${maxBytes} bytes`);
  }
  return Buffer.concat(chunks);
}
