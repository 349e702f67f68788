import type { ChartApiResponse } from '@worker-chart-export/domain';
import type { Fixture } from './fixture-store.js';

/**
 * A fixture as the provider's answer: a PNG is a 200 `image/png`; an error fixture replays its
 * status with its body as JSON (a string body, such as an HTML error page, replays as plain text).
 */
export function fixtureResponse(fixture: Fixture, durationMs: number): ChartApiResponse {
  if (fixture.type === 'png') {
    return { kind: 'http', status: 200, contentType: 'image/png', body: fixture.bytes, source: 'fixture', durationMs };
  }
  const isText = typeof fixture.body === 'string';
  const text = isText ? (fixture.body as string) : (JSON.stringify(fixture.body) ?? 'null');
  return {
    kind: 'http',
    status: fixture.status,
    contentType: isText ? 'text/plain' : 'application/json',
    body: new TextEncoder().encode(text),
    source: 'fixture',
    durationMs,
  };
}
