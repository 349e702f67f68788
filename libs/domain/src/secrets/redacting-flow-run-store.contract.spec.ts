import { FakeClock } from '../testing/fake-clock.js';
import { describeFlowRunStoreContract } from '../testing/flow-run-store.contract.js';
import { InMemoryFlowRunStore } from '../testing/in-memory-flow-run-store.js';
import { InMemoryStepLeaseStore } from '../testing/in-memory-step-lease-store.js';
import { RedactingFlowRunStore } from './redacting-flow-run-store.js';
import { createSecretRedactor } from './secret-redactor.js';

// Over a store that checks the fence, so a fence this decorator dropped would show.
describeFlowRunStoreContract('RedactingFlowRunStore over InMemoryFlowRunStore', async (document) => {
  const leases = new InMemoryStepLeaseStore(new FakeClock());
  const inner = new InMemoryFlowRunStore(document).checkFencesWith(leases);
  return { store: new RedactingFlowRunStore(inner, createSecretRedactor(['contract-secret-key'])), leases };
});
