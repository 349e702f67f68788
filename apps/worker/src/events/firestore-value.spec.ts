import { describe, expect, it } from '@jest/globals';
import { aFlowRun } from '@worker-chart-export/domain/testing';
import { encodeDocumentEventData, officialDocumentEventDataType } from '../testing/index.js';
import { decodeDocumentEventData } from './document-event-data.js';
import { fieldsToJson, FirestoreValueError } from './firestore-value.js';

const fieldsOf = (bytes: Uint8Array): unknown => (decodeDocumentEventData(bytes)['value'] as Record<string, unknown>)['fields'];

describe('fieldsToJson', () => {
  it('gives back the plain JSON a flow_run was written from', () => {
    const flowRun = aFlowRun(undefined, { extra: { n: 42, d: 1.5, yes: false, nothing: null, list: ['a', { b: [2, 3] }], empty: {} } });
    expect(fieldsToJson(fieldsOf(encodeDocumentEventData({ path: 'flow_runs/r1', value: flowRun })))).toEqual(flowRun);
  });

  it('converts the kinds JSON has no literal for', () => {
    const type = officialDocumentEventDataType();
    const bytes = type
      .encode(
        type.fromObject({
          value: {
            name: 'projects/p/databases/(default)/documents/flow_runs/r1',
            fields: {
              at: { timestampValue: { seconds: 1765794372, nanos: 500_000_000 } },
              big: { integerValue: '9007199254740993' },
              raw: { bytesValue: Buffer.from([1, 2, 3]) },
              ref: { referenceValue: 'projects/p/databases/(default)/documents/a/b' },
              where: { geoPointValue: { latitude: 55.75, longitude: 37.62 } },
            },
          },
        }),
      )
      .finish();
    expect(fieldsToJson(fieldsOf(bytes))).toEqual({
      at: '2025-12-15T10:26:12.500Z',
      big: '9007199254740993',
      raw: 'AQID',
      ref: 'projects/p/databases/(default)/documents/a/b',
      where: { latitude: 55.75, longitude: 37.62 },
    });
  });

  it('names the field of a value it cannot read', () => {
    expect(() => fieldsToJson({ steps: { mapValue: { fields: { s1: { unknownValue: 1 } } } } })).toThrow(
      new FirestoreValueError('steps.s1 has no known Firestore value kind'),
    );
  });
});
