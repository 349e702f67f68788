export * from './run-chart-export-step.types.js';
