import type { ChartApiResponse } from '../ports/chart-api.js';
import type { ChartVerdict } from './chart-verdict.js';
import { parseProviderError } from './parse-provider-error.js';
import { readPngSize } from './png-facts.js';

type HttpResponse = Extract<ChartApiResponse, { kind: 'http' }>;

const TRANSPORT_FAILURES = { timeout: 'timed out', network: 'network error', 'too-large': 'response too large' } as const;

/**
 * Classifies one answer of the provider (or of a fixture standing in for it): a PNG of the
 * expected size is an image; 5xx, timeouts, network errors, a body past the client's size cap and
 * a 200 that is not the expected PNG are retriable; the 429s and 403s are told apart by their message; any other
 * status is a fatal `CHART_API_FAILED`; a missing fixture is a fatal `CHART_API_MOCK_MISSING`.
 */
export function classifyChartResponse(response: ChartApiResponse, expected: { width?: number; height?: number }): ChartVerdict {
  switch (response.kind) {
    case 'fixture-missing':
      return {
        type: 'fatal',
        code: 'CHART_API_MOCK_MISSING',
        message: `no Chart-IMG fixture for key "${response.fixtureKey}" (mock mode makes no HTTP call)`,
        details: { fixtureKey: response.fixtureKey },
      };
    case 'transport-error':
      return { type: 'retriable', reason: response.reason, message: `Chart-IMG ${TRANSPORT_FAILURES[response.reason]}: ${response.message}` };
    case 'http':
      return response.status >= 200 && response.status < 300 ? classifySuccess(response, expected) : classifyFailure(response);
  }
}

function classifySuccess(response: HttpResponse, expected: { width?: number; height?: number }): ChartVerdict {
  const size = readPngSize(response.body);
  const status = response.status;
  if (size === undefined) {
    const contentType = response.contentType ?? 'no content-type';
    return {
      type: 'retriable',
      reason: 'not-png',
      message: `Chart-IMG ${status}: body is not a PNG (${contentType}, ${response.body.length} bytes)`,
      httpStatus: status,
    };
  }
  const wrongWidth = expected.width !== undefined && size.width !== expected.width;
  const wrongHeight = expected.height !== undefined && size.height !== expected.height;
  if (wrongWidth || wrongHeight) {
    const want = `${expected.width ?? size.width}x${expected.height ?? size.height}`;
    return {
      type: 'retriable',
      reason: 'not-png',
      message: `Chart-IMG ${status}: PNG is ${size.width}x${size.height}, expected ${want}`,
      httpStatus: status,
    };
  }
  return { type: 'image', bytes: response.body };
}

function classifyFailure(response: HttpResponse): ChartVerdict {
  const status = response.status;
  const providerMessage = parseProviderError(response.body, response.contentType);
  const message = `Chart-IMG ${status}: ${providerMessage}`;
  if (status === 429) {
    if (/limit exceeded/i.test(providerMessage)) return { type: 'quota-exhausted', message, httpStatus: 429 };
    return retriable('rate-limited', message, response);
  }
  if (status === 403) {
    if (/^forbidden\.?$/i.test(providerMessage)) return { type: 'key-rejected', message, httpStatus: 403 };
    if (/^exceed max usage/i.test(providerMessage)) return planLimit(providerMessage, message);
  }
  if (status >= 500) return retriable('server-error', message, response);
  return {
    type: 'fatal',
    code: 'CHART_API_FAILED',
    message,
    httpStatus: status,
    details: { httpStatus: status, providerMessage },
  };
}

function retriable(reason: 'rate-limited' | 'server-error', message: string, response: HttpResponse): ChartVerdict {
  const verdict = { type: 'retriable', reason, message, httpStatus: response.status } as const;
  return response.retryAfterMs === undefined ? verdict : { ...verdict, retryAfterMs: response.retryAfterMs };
}

function planLimit(providerMessage: string, message: string): ChartVerdict {
  const limit = /resolution/i.test(providerMessage) ? 'resolution' : /parameter/i.test(providerMessage) ? 'parameters' : undefined;
  return { type: 'plan-limit', message, httpStatus: 403, ...(limit === undefined ? {} : { limit }) };
}
