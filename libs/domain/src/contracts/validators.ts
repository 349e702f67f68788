import { AccountsConfigSchema, type AccountConfigEntry } from './accounts-config.schema.js';
import { ChartTemplateSchema, type ChartTemplate } from './chart-template.schema.js';
import { ChartsOutputsManifestSchema, type ChartsOutputsManifest } from './charts-outputs-manifest.schema.js';
import { createSchemaValidator } from './create-schema-validator.js';
import { FlowRunSchema, type FlowRun } from './flow-run.schema.js';
import { formatIssues, type ValidationResult } from './validation-issue.js';

export { formatIssues };
export type { ValidationIssue, ValidationResult } from './validation-issue.js';

const flowRun = createSchemaValidator(FlowRunSchema);
const manifest = createSchemaValidator(ChartsOutputsManifestSchema);
const chartTemplate = createSchemaValidator(ChartTemplateSchema);
// The accounts config holds API keys: its issues never carry values.
const accountsConfig = createSchemaValidator(AccountsConfigSchema, { redactValues: true });

/** Checks a flow_run document against `flow_run.schema.json` (CHART_EXPORT steps in full). */
export function validateFlowRun(value: unknown): ValidationResult<FlowRun> {
  return flowRun(value);
}

/** Checks a `ChartsOutputsManifest` against `charts_outputs_manifest.schema.json`. */
export function validateChartsOutputsManifest(value: unknown): ValidationResult<ChartsOutputsManifest> {
  return manifest(value);
}

/** Checks a chart template's outer shape; the Chart-IMG body is checked by the template rules. */
export function validateChartTemplateShape(value: unknown): ValidationResult<ChartTemplate> {
  return chartTemplate(value);
}

/** Checks the shape of `CHART_IMG_ACCOUNTS_JSON` (parsed); unique ids and defaults are the parser's job. */
export function validateAccountsConfigShape(value: unknown): ValidationResult<AccountConfigEntry[]> {
  return accountsConfig(value);
}

/** Throws an Error whose message lists the issues when `value` is not a valid manifest (a programming error). */
export function assertValidManifest(value: unknown): asserts value is ChartsOutputsManifest {
  const result = manifest(value);
  if (!result.ok) throw new Error(`invalid ChartsOutputsManifest: ${formatIssues(result.issues)}`);
}
