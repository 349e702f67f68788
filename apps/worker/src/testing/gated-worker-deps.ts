import type { FlowRunStore } from '@worker-chart-export/domain';
import { fakeWorkerDeps } from './fake-worker-deps.js';

/**
 * Worker deps whose flow_run store holds every load until `release()` is called: a request stays in flight for
 * as long as a test needs (to shut down meanwhile). `inner` is the store behind the gate.
 */
export function gatedWorkerDeps() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const inner = fakeWorkerDeps().store;
  const flowRuns: FlowRunStore = {
    load: async (runId) => {
      await gate;
      return inner.load(runId);
    },
    claim: (...a) => inner.claim(...a),
    finalize: (...a) => inner.finalize(...a),
  };
  return { deps: fakeWorkerDeps({ flowRuns }), release, inner };
}
