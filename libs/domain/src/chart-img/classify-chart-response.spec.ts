import { describe, expect, it } from '@jest/globals';
import type { ChartApiResponse } from '../ports/chart-api.js';
import { classifyChartResponse } from './classify-chart-response.js';
import { pngHeader } from './__fixtures__/png-header.js';

function http(status: number, body: Uint8Array | string, extra: { contentType?: string; retryAfterMs?: number } = {}): ChartApiResponse {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const contentType = extra.contentType ?? (typeof body === 'string' ? 'application/json' : 'image/png');
  return {
    kind: 'http',
    status,
    contentType,
    body: bytes,
    source: 'network',
    durationMs: 12,
    ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
  };
}
const json = (message: string): string => JSON.stringify({ message });

describe('classifyChartResponse', () => {
  it('is an image for a 200 PNG of the requested size', () => {
    const png = pngHeader(800, 600);
    expect(classifyChartResponse(http(200, png), { width: 800, height: 600 })).toEqual({ type: 'image', bytes: png });
  });

  it('is an image when no size was requested', () => {
    expect(classifyChartResponse(http(200, pngHeader(1234, 567)), {}).type).toBe('image');
  });

  it('retries a 200 whose body is not a PNG', () => {
    expect(classifyChartResponse(http(200, '<html>oops</html>', { contentType: 'text/html' }), {})).toEqual({
      type: 'retriable',
      reason: 'not-png',
      message: 'Chart-IMG 200: body is not a PNG (text/html, 17 bytes)',
      httpStatus: 200,
    });
  });

  it('retries a 200 PNG of the wrong size, naming both sizes', () => {
    const verdict = classifyChartResponse(http(200, pngHeader(800, 600)), { width: 1920, height: 1080 });
    expect(verdict).toMatchObject({ type: 'retriable', reason: 'not-png', httpStatus: 200 });
    expect(verdict.type === 'retriable' && verdict.message).toBe('Chart-IMG 200: PNG is 800x600, expected 1920x1080');
  });

  it('checks only the dimension that was requested', () => {
    expect(classifyChartResponse(http(200, pngHeader(800, 600)), { height: 600 }).type).toBe('image');
    expect(classifyChartResponse(http(200, pngHeader(800, 600)), { width: 900 }).type).toBe('retriable');
  });

  it.each([
    { name: 'marks the account exhausted on 429 Limit Exceeded', status: 429, text: 'Limit Exceeded', verdict: { type: 'quota-exhausted' } },
    {
      name: 'retries 429 Too Many Requests after the Retry-After wait',
      status: 429,
      text: 'Too Many Requests',
      retryAfterMs: 2000,
      verdict: { type: 'retriable', reason: 'rate-limited', retryAfterMs: 2000 },
    },
    { name: 'rejects the key on 403 Forbidden', status: 403, text: 'Forbidden', verdict: { type: 'key-rejected' } },
    {
      name: 'routes to another plan on 403 Exceed Max Usage naming the resolution limit',
      status: 403,
      text: 'Exceed Max Usage Resolution Limit (800x600)',
      verdict: { type: 'plan-limit', limit: 'resolution' },
    },
    {
      name: 'routes to another plan on 403 Exceed Max Usage naming the parameter limit',
      status: 403,
      text: 'Exceed Max Usage Parameter Limit (3)',
      verdict: { type: 'plan-limit', limit: 'parameters' },
    },
    { name: 'routes to another plan on 403 Exceed Max Usage naming no limit', status: 403, text: 'Exceed Max Usage', verdict: { type: 'plan-limit' } },
    {
      name: 'fails without retry on 403 Layout Forbidden',
      status: 403,
      text: 'Layout Forbidden',
      verdict: { type: 'fatal', code: 'CHART_API_FAILED', details: { httpStatus: 403, providerMessage: 'Layout Forbidden' } },
    },
    { name: 'retries 500 as a server error', status: 500, text: 'Something Went Wrong', verdict: { type: 'retriable', reason: 'server-error' } },
  ])('$name', ({ status, text, retryAfterMs, verdict }) => {
    const response = http(status, json(text), retryAfterMs === undefined ? {} : { retryAfterMs });
    expect(classifyChartResponse(response, {})).toEqual({ message: `Chart-IMG ${status}: ${text}`, httpStatus: status, ...verdict });
  });

  it('leaves retryAfterMs out of a rate limit without Retry-After', () => {
    expect(classifyChartResponse(http(429, json('Too Many Requests')), {})).not.toHaveProperty('retryAfterMs');
  });

  it('fails without retry on the other 4xx, with the provider message', () => {
    const invalidSymbol = JSON.stringify([{ value: 'X', msg: 'Invalid Symbol', param: 'symbol', location: 'body' }]);
    expect(classifyChartResponse(http(422, invalidSymbol), {})).toMatchObject({
      type: 'fatal',
      code: 'CHART_API_FAILED',
      message: 'Chart-IMG 422: symbol: Invalid Symbol (value "X")',
      httpStatus: 422,
    });
    for (const [status, text] of [
      [400, 'Invalid Request'],
      [404, 'Not Found'],
      [409, 'Session Disconnected'],
    ] as const) {
      expect(classifyChartResponse(http(status, json(text)), {})).toMatchObject({
        type: 'fatal',
        code: 'CHART_API_FAILED',
        message: `Chart-IMG ${status}: ${text}`,
      });
    }
  });

  it('retries a 504 gateway timeout as a server error', () => {
    expect(classifyChartResponse(http(504, json('Endpoint request timed out')), {})).toMatchObject({
      type: 'retriable',
      reason: 'server-error',
      httpStatus: 504,
    });
  });

  it('retries transport timeouts and network errors', () => {
    expect(classifyChartResponse({ kind: 'transport-error', reason: 'timeout', message: 'no answer in 30000 ms', durationMs: 30000 }, {})).toEqual({
      type: 'retriable',
      reason: 'timeout',
      message: 'Chart-IMG timed out: no answer in 30000 ms',
    });
    expect(classifyChartResponse({ kind: 'transport-error', reason: 'network', message: 'ECONNRESET', durationMs: 3 }, {})).toMatchObject({
      type: 'retriable',
      reason: 'network',
    });
  });

  it('retries a body that went past the size cap, keeping the message that names the cap', () => {
    const response: ChartApiResponse = { kind: 'transport-error', reason: 'too-large', message: 'body exceeded the 16 MiB cap', durationMs: 40 };
    expect(classifyChartResponse(response, {})).toEqual({
      type: 'retriable',
      reason: 'too-large',
      message: 'Chart-IMG response too large: body exceeded the 16 MiB cap',
    });
  });

  it('fails a missing fixture with CHART_API_MOCK_MISSING naming the key', () => {
    expect(classifyChartResponse({ kind: 'fixture-missing', fixtureKey: 'BINANCE_BTCUSDT__1h__ctpl_x' }, {})).toEqual({
      type: 'fatal',
      code: 'CHART_API_MOCK_MISSING',
      message: 'no Chart-IMG fixture for key "BINANCE_BTCUSDT__1h__ctpl_x" (mock mode makes no HTTP call)',
      details: { fixtureKey: 'BINANCE_BTCUSDT__1h__ctpl_x' },
    });
  });
});
