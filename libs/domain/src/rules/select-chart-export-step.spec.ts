import { describe, expect, it } from '@jest/globals';
import { aChartStep, aFlowRun, anOhlcvStep } from './__fixtures__/flow-run-builder.js';
import { flowRunReadyChartStep } from './__fixtures__/upstream-test-vectors.js';
import { selectChartExportStep } from './select-chart-export-step.js';

describe('selectChartExportStep without a requested step', () => {
  it('selects the step of the upstream READY vector and reports its dependency that is not in the document', () => {
    const selection = selectChartExportStep(flowRunReadyChartStep);
    expect(selection).toEqual({
      type: 'selected',
      stepId: 'charts:1M:ctpl_price_ma1226_vol_v1',
      step: flowRunReadyChartStep.steps['charts:1M:ctpl_price_ma1226_vol_v1'],
      unknownDependencies: ['ohlcv_export:1M'],
    });
  });

  it('picks the first READY CHART_EXPORT step in plain string order of stepId', () => {
    const flowRun = aFlowRun({
      'charts:1w': aChartStep(),
      'charts:1M': aChartStep(),
      'charts:1d': aChartStep(),
    });
    // Plain code-unit order: uppercase "M" sorts before lowercase "d" and "w".
    expect(selectChartExportStep(flowRun)).toMatchObject({ type: 'selected', stepId: 'charts:1M' });
  });

  it('skips steps that are not READY or not CHART_EXPORT', () => {
    const flowRun = aFlowRun({
      a: aChartStep({ status: 'SUCCEEDED' }),
      b: anOhlcvStep('READY'),
      c: aChartStep({ status: 'RUNNING' }),
      d: aChartStep(),
    });
    expect(selectChartExportStep(flowRun)).toMatchObject({ type: 'selected', stepId: 'd', unknownDependencies: [] });
  });

  it('passes over a READY step whose dependency has not SUCCEEDED and takes the next one', () => {
    const flowRun = aFlowRun({
      ohlcv_1M: anOhlcvStep('RUNNING'),
      ohlcv_1w: anOhlcvStep('SUCCEEDED'),
      'charts:1M': aChartStep({ dependsOn: ['ohlcv_1M'] }),
      'charts:1w': aChartStep({ dependsOn: ['ohlcv_1w'] }),
    });
    expect(selectChartExportStep(flowRun)).toMatchObject({ type: 'selected', stepId: 'charts:1w' });
  });

  it('says dependencies-unmet when every READY step is gated, naming the first one and what it waits for', () => {
    const flowRun = aFlowRun({
      ohlcv: anOhlcvStep('FAILED'),
      other: anOhlcvStep('SUCCEEDED'),
      'charts:b': aChartStep({ dependsOn: ['ohlcv'] }),
      'charts:a': aChartStep({ dependsOn: ['other', 'ohlcv'] }),
    });
    const selection = selectChartExportStep(flowRun);
    expect(selection).toMatchObject({
      type: 'none',
      reason: 'dependencies-unmet',
      stepId: 'charts:a',
      status: 'READY',
      unmetDependencies: ['ohlcv'],
    });
    expect(selection.type === 'none' && selection.message).toBe(
      'all 2 READY CHART_EXPORT steps wait for dependencies; the first: step "charts:a" waits for "ohlcv" (FAILED): dependencies must be SUCCEEDED',
    );
  });

  it('says no-ready-step when no CHART_EXPORT step is READY', () => {
    const flowRun = aFlowRun({ a: aChartStep({ status: 'PENDING' }), b: anOhlcvStep('READY') });
    expect(selectChartExportStep(flowRun)).toEqual({
      type: 'none',
      reason: 'no-ready-step',
      message: 'flow run 20251215-102530_BTCUSDT_k3f7a has no READY CHART_EXPORT step',
    });
  });

  it('says no-ready-step for a flow run without steps', () => {
    expect(selectChartExportStep(aFlowRun({}))).toMatchObject({ type: 'none', reason: 'no-ready-step' });
  });
});

describe('selectChartExportStep with a requested step', () => {
  it('selects the requested READY step even when an earlier one is READY too', () => {
    const flowRun = aFlowRun({ a: aChartStep(), b: aChartStep() });
    expect(selectChartExportStep(flowRun, 'b')).toMatchObject({ type: 'selected', stepId: 'b' });
  });

  it('says step-not-found for an id that is not a step, even one named like an Object property', () => {
    const flowRun = aFlowRun({ a: aChartStep() });
    expect(selectChartExportStep(flowRun, 'missing')).toEqual({
      type: 'none',
      reason: 'step-not-found',
      stepId: 'missing',
      message: 'step "missing" does not exist in flow run 20251215-102530_BTCUSDT_k3f7a',
    });
    expect(selectChartExportStep(flowRun, 'constructor')).toMatchObject({ reason: 'step-not-found' });
  });

  it('says not-chart-export for a step of another type', () => {
    const flowRun = aFlowRun({ ohlcv: anOhlcvStep('READY') });
    expect(selectChartExportStep(flowRun, 'ohlcv')).toEqual({
      type: 'none',
      reason: 'not-chart-export',
      stepId: 'ohlcv',
      status: 'READY',
      message: 'step "ohlcv" is a "OHLCV_EXPORT" step, not CHART_EXPORT',
    });
  });

  it.each(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const)('says step-not-ready for a %s step', (status) => {
    const flowRun = aFlowRun({ a: aChartStep({ status }) });
    expect(selectChartExportStep(flowRun, 'a')).toEqual({
      type: 'none',
      reason: 'step-not-ready',
      stepId: 'a',
      status,
      message: `step "a" is ${status}, not READY`,
    });
  });

  it('says dependencies-unmet when a known dependency has not SUCCEEDED', () => {
    const flowRun = aFlowRun({ ohlcv: anOhlcvStep('PENDING'), a: aChartStep({ dependsOn: ['ohlcv', 'elsewhere'] }) });
    expect(selectChartExportStep(flowRun, 'a')).toEqual({
      type: 'none',
      reason: 'dependencies-unmet',
      stepId: 'a',
      status: 'READY',
      unmetDependencies: ['ohlcv'],
      message: 'step "a" waits for "ohlcv" (PENDING): dependencies must be SUCCEEDED',
    });
  });

  it('does not let an unknown dependency gate the step, and reports it', () => {
    const flowRun = aFlowRun({ ohlcv: anOhlcvStep('SUCCEEDED'), a: aChartStep({ dependsOn: ['ohlcv', 'elsewhere'] }) });
    expect(selectChartExportStep(flowRun, 'a')).toMatchObject({
      type: 'selected',
      stepId: 'a',
      unknownDependencies: ['elsewhere'],
    });
  });
});
