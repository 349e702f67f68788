// The CLI's embedded default keeps account usage in memory. There is one in-memory implementation, shared with
// the domain's tests, so the fakes cannot drift from what the CLI runs.
export { InMemoryAccountPool } from '@worker-chart-export/domain/testing';
export type { AccountUsageSeed, AccountUsageSnapshot, PoolAccount } from '@worker-chart-export/domain/testing';
