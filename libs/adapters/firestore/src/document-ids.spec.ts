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

  it('stays a valid document id of at most 265 bytes for the longest ids, keeping a readable prefix', () => {
    const runId = `20251215-102530_${'B'.repeat(1400)}_k3f7a`;
    const stepIds = ['図'.repeat(200), '📈'.repeat(100), 'x'.repeat(10_000)];
    const ids = [...stepIds.map((stepId) => leaseDocumentId('20251215-102530_BTCUSDT_k3f7a', stepId)), leaseDocumentId(runId, 'charts:1M')];
    for (const id of ids) {
      expect(isDocumentId(id)).toBe(true);
      expect(Buffer.byteLength(id, 'utf8')).toBeLessThanOrEqual(265);
      expect(id).toMatch(/^20251215-102530_B[^#]*#[0-9a-f]{64}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells apart long ids that share their readable prefix, and never equals a short id', () => {
    const base = 'ж'.repeat(150);
    expect(leaseDocumentId('r', `${base}a`)).not.toBe(leaseDocumentId('r', `${base}b`));
    // The hash covers both ids: moving characters between them changes the key.
    expect(leaseDocumentId('r_a', 'x'.repeat(500))).not.toBe(leaseDocumentId('r', `a${'x'.repeat(500)}`));
    expect(leaseDocumentId('r', 'x'.repeat(397))).not.toContain('#');
  });
});

describe('canonicalJson', () => {
  it('is equal for deeply equal data in any key order, and differs otherwise', () => {
    expect(canonicalJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(canonicalJson({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });
});
