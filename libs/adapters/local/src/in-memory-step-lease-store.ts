// The CLI's single process keeps its leases in memory. There is one in-memory implementation, shared with
// the domain's tests, so the fakes cannot drift from what the CLI runs.
export { InMemoryStepLeaseStore } from '@worker-chart-export/domain/testing';
