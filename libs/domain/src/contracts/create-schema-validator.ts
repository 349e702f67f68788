import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ensureContractFormats } from './ensure-formats.js';
import { schemaIssues, type IssueOptions } from './schema-issues.js';
import type { ValidationResult } from './validation-issue.js';

/**
 * Compiles `schema` once, on first use, and returns a validator that never throws: the typed value, or
 * field-naming issues. With `redactValues` no issue carries a value (for secrets).
 */
export function createSchemaValidator<T extends TSchema>(schema: T, options: IssueOptions = {}): (value: unknown) => ValidationResult<Static<T>> {
  // Compiled on first use, not at import: compiling every contract schema costs a process start hundreds of ms.
  let compiled: { Check(value: unknown): boolean; Errors(value: unknown): Parameters<typeof schemaIssues>[1] } | undefined;
  return (value: unknown) => {
    if (compiled === undefined) {
      ensureContractFormats();
      compiled = Compile(schema);
    }
    const validator = compiled;
    if (validator.Check(value)) return { ok: true, value: value as Static<T> };
    return { ok: false, issues: schemaIssues(schema, validator.Errors(value), value, options) };
  };
}
