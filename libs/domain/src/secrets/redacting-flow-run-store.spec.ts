import { describe, expect, it } from '@jest/globals';
import { InMemoryFlowRunStore } from '../testing/in-memory-flow-run-store.js';
import { RedactingFlowRunStore } from './redacting-flow-run-store.js';
import { createSecretRedactor, REDACTED } from './secret-redactor.js';

const KEY = 'sk-flow-run-5e1f';

describe('RedactingFlowRunStore', () => {
  it('finalizes with every string of the result redacted, dates kept; load and claim pass through', async () => {
    const inner = new InMemoryFlowRunStore({ runId: 'r1', steps: { s1: { status: 'READY' } } });
    const store = new RedactingFlowRunStore(inner, createSecretRedactor([KEY]));
    expect(await store.load('missing')).toBeUndefined();
    expect(await store.claim('r1', 's1', new Date('2026-01-01T00:00:00Z'))).toEqual({ type: 'claimed' });

    const escaped = KEY.replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const result = await store.finalize('r1', 's1', {
      status: 'FAILED',
      finishedAt: new Date('2026-01-01T00:01:00Z'),
      outputs: { outputsManifestGcsUri: 'gs://b/m.json' },
      error: { code: 'CHART_API_FAILED', message: `Invalid API key ${KEY}`, details: { providerMessage: escaped } },
    });

    expect(result).toEqual({ type: 'written' });
    expect(inner.step('r1', 's1')).toMatchObject({
      status: 'FAILED',
      finishedAt: '2026-01-01T00:01:00Z',
      error: { code: 'CHART_API_FAILED', message: `Invalid API key ${REDACTED}`, details: { providerMessage: REDACTED } },
    });
    expect(JSON.stringify(inner.docs.get('r1'))).not.toContain('sk-');
  });
});
