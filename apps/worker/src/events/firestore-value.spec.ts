import { describe, expect, it } from '@jest/globals';
import { aFlowRun } from '@worker-chart-export/domain/testing';
import { documentEventBytes, googleDocumentEventDataType } from '@worker-chart-export/testing';
import { decodeDocumentEventData } from '@worker-chart-export/adapter-eventarc';
import { fieldsToJson, FirestoreValueError } from './firestore-value.js';

const fieldsOf = (bytes: Uint8Array): unknown => (decodeDocumentEventData(bytes)['value'] as Record<string, unknown>)['fields'];

describe('fieldsToJson', () => {
  it('gives back the plain JSON a flow_run was written from', () => {
    const flowRun = aFlowRun(undefined, { extra: { n: 42, d: 1.5, yes: false, nothing: null, list: ['a', { b: [2, 3] }], empty: {} } });
    expect(fieldsToJson(fieldsOf(documentEventBytes({ path: 'flow_runs/r1', value: flowRun })))).toEqual(flowRun);
  });

  it('converts the kinds JSON has no literal for', () => {
    const type = googleDocumentEventDataType();
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

  it('refuses maps and arrays nested deeper than 64 levels with a short message instead of overflowing the stack', () => {
    const nest = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { stringValue: 'x' };
      for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? { mapValue: { fields: { a: value } } } : { arrayValue: { values: [value] } };
      return value;
    };
    expect(() => fieldsToJson({ deep: nest(100_000) })).toThrow(/^deep[.a[\]0]+… \(\d+ chars\) nests maps or arrays more than 64 levels deep$/);
    expect(fieldsToJson({ deep: nest(64) })).toHaveProperty('deep');
    expect(() => fieldsToJson({ deep: nest(65) })).toThrow(FirestoreValueError);
  });

  it('names the field of a value it cannot read', () => {
    expect(() => fieldsToJson({ steps: { mapValue: { fields: { s1: { unknownValue: 1 } } } } })).toThrow(
      new FirestoreValueError('steps.s1 has no known Firestore value kind'),
    );
  });
});
