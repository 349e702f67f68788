import { describe, expect, it } from '@jest/globals';
import type { NoopReason } from '@worker-chart-export/domain';
import { exitCodeFor, isUsageNoop } from './exit-codes.js';
import { aFinishedResult, aNoopResult } from './result-builders.js';

describe('exitCodeFor', () => {
  it('is 0 for SUCCEEDED and 1 for FAILED', () => {
    expect(exitCodeFor(aFinishedResult())).toBe(0);
    expect(exitCodeFor(aFinishedResult({ status: 'FAILED' }))).toBe(1);
  });

  it.each<NoopReason>(['no-ready-step', 'step-not-ready', 'dependencies-unmet', 'claim-lost'])('is 3 for a NOOP with reason %s', (reason) => {
    expect(exitCodeFor(aNoopResult({ reason }))).toBe(3);
    expect(isUsageNoop(aNoopResult({ reason }))).toBe(false);
  });

  it.each<NoopReason>(['step-not-found', 'not-chart-export', 'flow-run-not-found'])('is 2, a usage error, for a NOOP with reason %s', (reason) => {
    expect(exitCodeFor(aNoopResult({ reason }))).toBe(2);
    expect(isUsageNoop(aNoopResult({ reason }))).toBe(true);
  });
});
