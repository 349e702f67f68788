import { describeStepLeaseStoreContract, FakeClock } from '@worker-chart-export/domain/testing';
import { InMemoryStepLeaseStore } from './in-memory-step-lease-store.js';

describeStepLeaseStoreContract('InMemoryStepLeaseStore', async () => {
  const clock = new FakeClock();
  return { store: new InMemoryStepLeaseStore(clock), pass: async (ms) => clock.advance(ms) };
});
