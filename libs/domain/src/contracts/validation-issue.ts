import { previewValue } from './preview-value.js';

/**
 * One reason a document failed its schema. `path` names the field in JavaScript notation
 * (`steps["charts:1M"].inputs.minImages`, `items[0].png_gcs_uri`, `(root)` for the document itself);
 * `value` is the offending value when it is a primitive (long strings cut), absent for secrets.
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
}

/** The outcome of validating untrusted data: the typed value, or the issues found. */
export type ValidationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * One readable line for logs and error messages, e.g.
 * `steps["charts:1M"].inputs.minImages must be >= 0 (got -1); runId is required`.
 * Shows at most `max` issues, then how many more there are; values are cut short.
 */
export function formatIssues(issues: readonly ValidationIssue[], max = 5): string {
  const shown = issues.slice(0, Math.max(1, max)).map(formatIssue);
  const hidden = issues.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
}

function formatIssue(issue: ValidationIssue): string {
  const got = 'value' in issue ? ` (got ${previewValue(issue.value)})` : '';
  return `${issue.path} ${issue.message}${got}`;
}
