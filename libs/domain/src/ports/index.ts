export * from './account-pool.js';
export * from './blob-store.js';
export * from './chart-api.js';
export * from './clock.js';
export * from './event-log.js';
export * from './flow-run-store.js';
export * from './template-repo.js';
export * from './step-lease-store.js';
