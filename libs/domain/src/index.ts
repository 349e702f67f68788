export * from './contracts/index.js';
export * from './errors/error-codes.js';
export * from './ports/index.js';
export * from './rules/index.js';
export * from './secrets/index.js';
export * from './chart-img/index.js';
export * from './use-cases/index.js';
