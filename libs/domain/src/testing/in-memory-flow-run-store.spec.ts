import { FakeClock } from './fake-clock.js';
import { describeFlowRunStoreContract } from './flow-run-store.contract.js';
import { InMemoryFlowRunStore } from './in-memory-flow-run-store.js';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';

describeFlowRunStoreContract('InMemoryFlowRunStore', async (document) => ({ store: new InMemoryFlowRunStore(document) }));

describeFlowRunStoreContract('InMemoryFlowRunStore checking fences', async (document) => {
  const leases = new InMemoryStepLeaseStore(new FakeClock());
  return { store: new InMemoryFlowRunStore(document).checkFencesWith(leases), leases };
});
