import { describeFlowRunStoreContract, FakeClock, InMemoryFlowRunStore, InMemoryStepLeaseStore } from '@worker-chart-export/domain/testing';
import { ClaimWatchingFlowRunStore } from './claim-watching-flow-run-store.js';

// Over a store that checks the fence, so a fence this decorator dropped would show.
describeFlowRunStoreContract('ClaimWatchingFlowRunStore', async (document) => {
  const leases = new InMemoryStepLeaseStore(new FakeClock());
  return { store: new ClaimWatchingFlowRunStore(new InMemoryFlowRunStore(document).checkFencesWith(leases)), leases };
});
