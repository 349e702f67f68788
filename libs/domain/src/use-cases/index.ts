export * from './log-events.js';
export * from './run-chart-export-step.js';
export * from './run-chart-export-step.types.js';
export * from './sweep-stale-steps.js';
