export { lazyLocalRenderer } from './lazy-local-renderer.js';
export { resolveStepPorts } from './step-ports.js';
export type { StepPorts } from './step-ports.js';
