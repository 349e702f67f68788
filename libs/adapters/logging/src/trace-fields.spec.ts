import { describe, expect, it } from '@jest/globals';
import { traceFields } from './trace-fields.js';

describe('traceFields', () => {
  it('maps a W3C traceparent to Cloud Logging trace, span and sampled fields', () => {
    expect(traceFields('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'my-project')).toEqual({
      'logging.googleapis.com/trace': 'projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': true,
    });
  });

  it('reports an unsampled trace as not sampled', () => {
    expect(traceFields('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', 'p')).toMatchObject({
      'logging.googleapis.com/trace_sampled': false,
    });
  });

  it.each([
    ['absent', undefined],
    ['garbage', 'not-a-traceparent'],
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['invalid version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ])('yields no fields for a %s header', (_name, header) => {
    expect(traceFields(header, 'p')).toEqual({});
  });

  it('yields no fields without a project id', () => {
    expect(traceFields('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '')).toEqual({});
  });
});
