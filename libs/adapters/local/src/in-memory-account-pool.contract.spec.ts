import { describeAccountPoolContract } from '@worker-chart-export/domain/testing';
import { InMemoryAccountPool } from './in-memory-account-pool.js';

describeAccountPoolContract('InMemoryAccountPool', async (accounts, clock) => ({ pool: new InMemoryAccountPool(accounts, clock) }));
