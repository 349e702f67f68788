import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json.js';
import { isDocumentId } from './document-id.js';
import { leaseDocumentId } from './lease-document-id.js';

describe('isDocumentId', () => {
  it('accepts ids with colons and underscores', () => {
    expect(isDocumentId('charts:1M:ctpl_price_ma1226_vol_v1')).toBe(true);
    expect(isDocumentId('20251215-102530_BTCUSDT_k3f7a')).toBe(true);
  });

  it('rejects ids that would address another path or are reserved', () => {
    expect(['', 'a/b', '.', '..', '__x__', 'x'.repeat(1501)].map(isDocumentId)).toEqual([false, false, false, false, false, false]);
  });
});

describe('leaseDocumentId', () => {
  it('joins run and step ids with __, percent-encoding each', () => {
    expect(leaseDocumentId('20251215-102530_BTCUSDT_k3f7a', 'charts:1M')).toBe('20251215-102530_BTCUSDT_k3f7a__charts%3A1M');
    expect(leaseDocumentId('r', 'a/b%')).toBe('r__a%2Fb%25');
  });
});

describe('canonicalJson', () => {
  it('is equal for deeply equal data in any key order, and differs otherwise', () => {
    expect(canonicalJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(canonicalJson({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});
