import { got, RequestError, TimeoutError } from 'got';
import type { EventarcRequest } from './firestore-written-event.js';

/** A reply bigger than this is cut off: a worker answers a few hundred bytes, anything past this is not one. */
export const MAX_REPLY_BYTES = 1024 * 1024;

export interface DeliverEventOptions {
  /** The whole exchange, answer included (the worker answers once the step has run). */
  readonly timeoutMs: number;
  /** Sent as `Authorization: Bearer <token>` (a Cloud Run service that requires an identity token). */
  readonly bearerToken?: string;
}

/** What the receiver answered: the HTTP status and the reply body as text. */
export interface DeliveryReply {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
}

/** A delivery that got no HTTP answer: connection refused, timeout, reply too large. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

/**
 * POSTs `request` to `url` once, as Eventarc would (no retry, no redirect), and returns whatever status the
 * receiver answered. Throws {@link DeliveryError} when there is no answer to return.
 */
export async function deliverEvent(url: string, request: EventarcRequest, options: DeliverEventOptions): Promise<DeliveryReply> {
  let tooLarge = false;
  try {
    const pending = got.post(url, {
      headers: { ...request.headers, ...(options.bearerToken === undefined ? {} : { authorization: `Bearer ${options.bearerToken}` }) },
      body: Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
      responseType: 'buffer',
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs },
    });
    const abortPast = (bytes: number): void => {
      if (!(bytes > MAX_REPLY_BYTES) || tooLarge) return;
      tooLarge = true;
      pending.cancel();
    };
    void pending.on('response', (response: { headers: Record<string, string | string[] | undefined> }) =>
      abortPast(Number(response.headers['content-length'])),
    );
    void pending.on('downloadProgress', (progress: { transferred: number }) => abortPast(progress.transferred));
    const response = await pending;
    const contentType = response.headers['content-type'];
    return { status: response.statusCode, ...(contentType === undefined ? {} : { contentType }), body: response.body.toString('utf8') };
  } catch (error) {
    if (tooLarge) throw new DeliveryError(`the reply of ${url} passed ${MAX_REPLY_BYTES} bytes and was cut off`);
    if (error instanceof TimeoutError) throw new DeliveryError(`${url} did not answer within ${options.timeoutMs} ms`);
    if (error instanceof RequestError) throw new DeliveryError(`${url} could not be reached: ${error.code}: ${error.message}`);
    throw error;
  }
}
