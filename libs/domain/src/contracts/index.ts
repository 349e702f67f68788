export * from './common.schema.js';
export * from './flow-run.schema.js';
export { fieldOf, type FlowRunView, type FlowStepView } from './flow-run-view.js';
export * from './charts-outputs-manifest.schema.js';
export * from './chart-template.schema.js';
export * from './accounts-config.schema.js';
export { createSchemaValidator } from './create-schema-validator.js';
export type { IssueOptions } from './schema-issues.js';
export * from './validators.js';
